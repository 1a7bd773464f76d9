namespace Calc.Engine.Tsdb.Tests;

public sealed class TsdbTimeTests
{
    [Theory]
    [InlineData("1589500800000", 1_589_500_800_000)]
    [InlineData("-1000", -1000)]
    [InlineData("2020-05-15T00:00:00Z", 1_589_500_800_000)]
    [InlineData("2020-05-15T05:30:00+05:30", 1_589_500_800_000)]
    [InlineData("2020-05-15T00:00:00.250", 1_589_500_800_250)]
    [InlineData("2020-05-15", 1_589_500_800_000)]
    public void ShouldParseEpochMillisecondsAndIso8601(string text, long expected)
    {
        Assert.True(TsdbTime.TryParse(text, out var time));
        Assert.Equal(expected, time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("05/15/2020")]
    [InlineData("2020-13-45")]
    public void ShouldRefuseOtherTexts(string text) => Assert.False(TsdbTime.TryParse(text, out _));

    [Fact]
    public void ShouldFormatIsoUtcWithMilliseconds() =>
        Assert.Equal("2020-05-15T00:00:00.250Z", TsdbTime.Format(1_589_500_800_250));
}
