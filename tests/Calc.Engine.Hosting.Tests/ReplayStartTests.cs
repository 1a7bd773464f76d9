using System.Text.Json;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Jobs;

namespace Calc.Engine.Hosting.Tests;

/// <summary>Where a replay's state restarts: the start of the day containing the time, in UTC and in every zone the job names, the earliest.</summary>
public sealed class ReplayStartTests
{
    private const long Jan2 = 1_514_851_200_000; // 2018-01-02T00:00:00Z
    private const long Hour = 3_600_000;

    [Fact]
    public void ShouldRestartAtTheUtcMidnightBeforeTheTimeForAJobWithoutATimeZone()
    {
        var job = Job(settings: """{"window":"1h"}""");

        Assert.Equal(Jan2, ReplayStart.For(job, Jan2 + (6 * Hour) + 123, out var zones));
        Assert.Equal(Jan2, ReplayStart.For(job, Jan2, out _));
        Assert.Equal(Jan2 - (24 * Hour), ReplayStart.For(job, Jan2 - 1, out _));
        Assert.Equal(["UTC"], zones.Select(z => z.Id));
    }

    [Fact]
    public void ShouldRestartAtTheEarlierOfTheUtcAndTheLocalMidnightOfAPipelineStepsTimeZone()
    {
        // Asia/Kolkata is UTC+05:30: its 2018-01-02 begins at 2018-01-01T18:30Z.
        var job = Job(pipeline: """[{"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"}}]""");

        Assert.Equal(Jan2 - (5 * Hour) - (Hour / 2), ReplayStart.For(job, Jan2 + (6 * Hour), out var zones));
        Assert.Equal(["UTC", "Asia/Kolkata"], zones.Select(z => z.Id));
        // At 2018-01-02T20:00Z it is already 2018-01-03 in Kolkata, but the UTC day began earlier.
        Assert.Equal(Jan2, ReplayStart.For(job, Jan2 + (20 * Hour), out _));
    }

    [Fact]
    public void ShouldUseTheTemplateSettingsTimeZoneOfAJobWithOneTemplate()
    {
        // America/New_York is UTC-05:00 in January: its 2018-01-02 begins at 05:00Z.
        var job = Job(settings: """{"timeZone":"America/New_York"}""");

        Assert.Equal(Jan2 - (19 * Hour), ReplayStart.For(job, Jan2 + (3 * Hour), out _));
        Assert.Equal(Jan2, ReplayStart.For(job, Jan2 + (6 * Hour), out _));
    }

    private static JobDefinition Job(string? settings = null, string? pipeline = null) => new()
    {
        Id = "j",
        OrgId = "o1",
        Template = pipeline is null ? "x" : null,
        Settings = settings is null ? default : JsonDocument.Parse(settings).RootElement,
        Pipeline = pipeline is null ? null : [.. JsonDocument.Parse(pipeline).RootElement.EnumerateArray().Select((s, i) => new PipelineStepDefinition(s.GetProperty("op").GetString()!, s, $"pipeline[{i}]"))],
    };
}
