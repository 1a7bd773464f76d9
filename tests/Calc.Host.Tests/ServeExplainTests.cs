using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary><c>POST /jobs/{id}/explain</c> and <c>POST /explain</c>: the explanation <c>calc explain --json</c> gives, for records sent.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeExplainTests : DataDirTest
{
    private static readonly string Wind = string.Join('\n', [.. File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")).Take(40), RunTraceTests.LateLine]);

    [Fact]
    public async Task ShouldExplainTheStoredJobOverTheRecordsSent_LikeTheCli()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/trace", RunTraceTests.Job)).Status);
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllText(job, RunTraceTests.Job);
        File.WriteAllText(input, Wind);
        var cli = JsonDocument.Parse(CliRunner.Run("explain", job, "--input", input, "--asset", "T1", "--point", "turbine::P_1H", "--time", "2018-01-01T00:00:00Z", "--json").Out).RootElement;

        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/trace/explain?asset=T1&point=turbine::P_1H&time=2018-01-01T00:00:00Z", Wind);

        Assert.True(status == 200, body.ToString());
        Assert.Equal(
            $"turbine::P_1H of T1 at 2018-01-01T00:00:00Z = {RunTraceTests.Average()} (OnTime), written by step #1 time-window-aggregation once, caused by the record of T1 turbine::ActivePower=447.6057129 at 2018-01-01T01:00:00Z",
            body.GetProperty("findings")[0].GetString());
        Assert.True(JsonElement.DeepEquals(cli.GetProperty("findings"), body.GetProperty("findings")), body.GetProperty("findings").ToString());
        Assert.True(JsonElement.DeepEquals(cli.GetProperty("lines"), body.GetProperty("lines")), body.GetProperty("lines").ToString());
        Assert.Equal(RunTraceTests.HourAverage, body.GetProperty("values")[0].GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public async Task ShouldExplainAJobInTheBody()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        var records = string.Join(',', Wind.Split('\n').Select(l => JsonSerializer.Serialize(l)));
        var request = $$"""{"job":{{RunTraceTests.Job}},"records":[{{records}}]}""";

        var (status, body) = await serve.Send(HttpMethod.Post, "/explain?asset=T1&point=turbine::ActivePower&time=2018-01-01T00:10:00Z", request);

        Assert.True(status == 200, body.ToString());
        Assert.Equal("no turbine::ActivePower of T1 at 2018-01-01T00:10:00Z: none of the records at 2018-01-01T00:10:00Z was taken by step #0 threshold", body.GetProperty("findings")[0].GetString());
        Assert.Equal("filtered.threshold: 453.7691956 outside [0,450]", body.GetProperty("lines")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ShouldListEveryProblemOfTheQuery_AndSayWhenTheJobIsUnknown()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/trace", RunTraceTests.Job)).Status);

        var (bad, error) = await serve.Send(HttpMethod.Post, "/jobs/trace/explain?point=P_1H&time=noon", Wind);
        var (missing, _) = await serve.Send(HttpMethod.Post, "/jobs/nope/explain?asset=T1&point=turbine::P_1H&time=0", Wind);

        Assert.Equal((400, 404), (bad, missing));
        Assert.Equal(
            "asset is required: ?asset=A&point=model::P&time=T; point: 'P_1H' is not model::POINT (for example inverter::ENERGY_DAY); time: 'noon' is not a time: give epoch milliseconds or ISO-8601 (2018-01-01T00:00:00Z)",
            error.GetProperty("error").GetString());
    }
}
