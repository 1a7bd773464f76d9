using System.Text.Json;
using Calc.Engine.Kafka;
using static Calc.Host.Tests.StreamTestKit;

namespace Calc.Host.Tests;

/// <summary>
/// The same real-data slice (<see cref="TraceBattery"/>) on every surface that shows trace lines: <c>calc run
/// --trace</c> (table and NDJSON), <c>POST /jobs/{id}/test?trace=</c>, the live tap of a job running on Kafka,
/// and <c>calc explain</c>. Each must show the exact lines of a filtered, a repaired, a late and a too-late
/// record, a window close, an energy span and bucket, and a rule error.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class TraceSurfacesTests : DataDirTest
{
    [Fact]
    public void CalcRunTrace_ShouldShowEveryKind_InTheTableAndTheNdjson()
    {
        var (dir, job, input) = Files();
        var traceFile = Path.Combine(dir, "trace.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"), "--trace", "T1", "--trace-out", traceFile);

        Assert.True(exit == 0, error);
        TraceBattery.AssertHasEveryKind([.. error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("trace ", StringComparison.Ordinal))]);
        TraceBattery.AssertHasEveryKind([.. File.ReadLines(traceFile).Select(l => TraceBattery.Row(JsonDocument.Parse(l).RootElement))]);
    }

    [Fact]
    public async Task JobTest_ShouldShowEveryKind()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/battery", TraceBattery.Job)).Status);

        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/battery/test?trace=T1", string.Join('\n', TraceBattery.Lines()));

        Assert.True(status == 200, body.ToString());
        TraceBattery.AssertHasEveryKind([.. body.GetProperty("trace").EnumerateArray().Select(TraceBattery.Row)]);
    }

    [Fact]
    public async Task LiveTap_ShouldShowEveryKind_OnAJobRunningOnKafka()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/battery", TraceBattery.KafkaJob)).Status);
        await serve.WaitFor("battery", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("partitions").GetInt32() == 1, "running");
        using var response = await serve.Http.GetAsync($"/jobs/battery/trace?asset=T1&limit={TraceBattery.Records}&seconds=120", HttpCompletionOption.ResponseHeadersRead);

        Produce(servers, "points", TraceBattery.Lines().Select(l => ("T1", l)));
        var rows = await ReadRowsAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal($"end {{\"lines\":{rows.Count - 1},\"reason\":\"limit\"}}", rows[^1]);
        TraceBattery.AssertHasEveryKind(rows);
    }

    [Fact]
    public void Explain_ShouldShowEveryKind_InTheLinesBehindEachKey()
    {
        var (_, job, input) = Files();
        string[] Lines(string point, string time)
        {
            var (exit, output, error) = CliRunner.Run("explain", job, "--input", input, "--asset", "T1", "--point", point, "--time", time);
            Assert.True(exit == 0, error);
            return [.. output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("trace ", StringComparison.Ordinal))];
        }

        var hour = Lines("turbine::P_1H", "2018-01-01T00:00:00Z");
        var day = Lines("turbine::ENERGY_DAY", "2018-01-01T00:00:00Z");
        var rule = Lines("turbine::TP_MW", "2018-01-01T01:00:00Z");
        var wind = Lines("turbine::WindSpeed", "2018-01-01T00:10:00Z");

        TraceBattery.AssertHasEveryKind([.. hour.Concat(wind).Concat(day).Concat(rule).OrderBy(Order)]);
        Assert.Contains(TraceBattery.Repaired, hour);
        Assert.Contains(TraceBattery.WindowClose, hour);
        Assert.Contains(TraceBattery.LateLine, hour);
        Assert.Contains(TraceBattery.TooLate, hour);
        Assert.Contains(TraceBattery.EnergyBucket, day);
        Assert.Equal([TraceBattery.Filtered], wind);
        Assert.Contains(TraceBattery.RuleError, rule);

        int Order(string row) => Array.IndexOf(TraceBattery.Expected, row) is var i and >= 0 ? i : int.MaxValue;
    }

    private static (string Dir, string Job, string Input) Files()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "battery.json");
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllText(job, TraceBattery.Job);
        File.WriteAllLines(input, TraceBattery.Lines());
        return (dir, job, input);
    }

    private static async Task<List<string>> ReadRowsAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var rows = new List<string>();
        string? name = null;
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                if (name == "end")
                {
                    rows.Add("end " + line[6..]);
                    break;
                }

                rows.Add(TraceBattery.Row(JsonDocument.Parse(line[6..]).RootElement));
            }
        }

        return rows;
    }
}
