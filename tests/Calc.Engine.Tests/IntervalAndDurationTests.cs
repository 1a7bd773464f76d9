using Calc.Sdk;

namespace Calc.Engine.Tests;

public sealed class IntervalAndDurationTests
{
    public static TheoryData<string, double, bool> Memberships => new()
    {
        { "[0,100]", 0, true },
        { "[0,100]", 100, true },
        { "(0,100)", 0, false },
        { "(0,100)", 100, false },
        { "[0,100)", 99.999, true },
        { "(-inf,5]", -1e300, true },
        { "(-inf,5]", 5.0001, false },
        { "[0,+inf)", 1e300, true },
        { "[0,+inf)", -0.001, false },
        { "[ -1.5 , 2e3 ]", 2000, true },
    };

    [Theory]
    [MemberData(nameof(Memberships))]
    public void ShouldDecideMembershipByEnds(string text, double value, bool inside)
    {
        var interval = Interval.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(inside, interval!.Value.Contains(value));
    }

    [Theory]
    [InlineData("[0,100")]
    [InlineData("0,100")]
    [InlineData("[a,1]")]
    [InlineData("[5,1]")]
    [InlineData("(1,1]")]
    [InlineData("[0,100,200]")]
    [InlineData("")]
    public void ShouldRefuseMalformedIntervals(string text)
    {
        Assert.Null(Interval.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("0s", 0)]
    public void ShouldParseDurations(string text, long ms)
    {
        Assert.Equal(ms, Duration.TryParse(text, out _));
        Assert.Equal(text == "0s" ? "0ms" : text, Duration.Format(ms));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("1.5h")]
    [InlineData("-1s")]
    [InlineData("1w")]
    [InlineData("m")]
    public void ShouldRefuseMalformedDurations(string text)
    {
        Assert.Null(Duration.TryParse(text, out var error));
        Assert.Contains("not a duration", error, StringComparison.Ordinal);
    }
}
