using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// Valid but absurd window settings used to pass <c>calc check</c> and <c>PUT /jobs</c>: a 1d window sliding by
/// 1ms put each record into 86,400,000 windows and pinned a core on one record. Both refuse them at
/// <c>settings.slide</c>, for the time-window and the group template alike.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class AbsurdSettingsRegressionTests : DataDirTest
{
    private const string Windows = """
        {"id":"tiny-slide","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1d","slide":"1ms"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1D"}]}
        """;

    private const string Groups = """
        {"id":"tiny-group-slide","orgId":"o1","template":"asset-group-aggregation",
         "settings":{"groupBy":"parent","groupModel":"plant","window":"1d","slide":"1ms"},
         "policies":[{"input":"inverter::P","memberAggregation":"avg","groupAggregation":"sum","output":"plant::P_SUM"}]}
        """;

    private const string Refusal = "settings.slide: a record would fall into 86400000 windows; at most 1000 are allowed: make the slide at least";

    [Theory]
    [InlineData(Windows)]
    [InlineData(Groups)]
    public void ShouldRefuseASlideFarBelowTheWindowInCalcCheck(string job)
    {
        var (exit, _, error) = CliRunner.Run("check", Write("job.json", job));

        Assert.Equal(2, exit);
        Assert.Contains(Refusal, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseASlideFarBelowTheWindowOnPut()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");

        foreach (var job in new[] { Windows, Groups })
        {
            var id = JsonDocument.Parse(job).RootElement.GetProperty("id").GetString();
            var (status, body) = await serve.Send(HttpMethod.Put, "/jobs/" + id, job);
            Assert.Equal(400, status);
            var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
            Assert.Equal("settings.slide", problem.GetProperty("path").GetString());
            Assert.StartsWith(Refusal["settings.slide: ".Length..], problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/health")).Body.GetProperty("jobs").GetInt32());
    }
}
