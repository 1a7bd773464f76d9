using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc run --trace</c> on the first hour of the real wind fixture (one late line appended): each step's
/// verdict on each traced record, as a table on stderr and as NDJSON with <c>--trace-out</c>.
/// </summary>
public sealed class RunTraceTests
{
    internal const string Job = """
        {"id":"trace","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,450]"},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}]}
        """;

    // 2018-01-01T00:30:00Z, after the 00:00–01:00 window closed at 01:00.
    internal const string LateLine = """{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"ActivePower","time":1514766600000,"value":400}""";

    private const string Hour0 = "window 2018-01-01T00:00:00Z–2018-01-01T01:00:00Z of turbine::P_1H";

    /// <summary>
    /// The expected rows: 00:10 (453.77 kW) is filtered, each valid value goes into the window of its hour
    /// (its count and running average), the 01:00 record opens the next hour and closes the first one,
    /// the appended 00:30 one is too late.
    /// </summary>
    internal static readonly string[] Rows =
    [
        "trace 2018-01-01T00:00:00Z T1 turbine::ActivePower=380.0477905  #0 threshold  passed",
        "trace 2018-01-01T00:00:00Z T1 turbine::ActivePower=380.0477905  #1 time-window-aggregation  passed",
        $"trace 2018-01-01T00:00:00Z T1 turbine::ActivePower=380.0477905  #1 time-window-aggregation  state  {Hour0}: 1 value, avg so far {Avg(380.0477905)}",
        "trace 2018-01-01T00:10:00Z T1 turbine::ActivePower=453.7691956  #0 threshold  filtered  filtered.threshold: 453.7691956 outside [0,450]",
        "trace 2018-01-01T00:20:00Z T1 turbine::ActivePower=306.3765869  #0 threshold  passed",
        "trace 2018-01-01T00:20:00Z T1 turbine::ActivePower=306.3765869  #1 time-window-aggregation  passed",
        $"trace 2018-01-01T00:20:00Z T1 turbine::ActivePower=306.3765869  #1 time-window-aggregation  state  {Hour0}: 2 values, avg so far {Avg(380.0477905, 306.3765869)}",
        "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=419.6459045  #0 threshold  passed",
        "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=419.6459045  #1 time-window-aggregation  passed",
        $"trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=419.6459045  #1 time-window-aggregation  state  {Hour0}: 3 values, avg so far {Avg(380.0477905, 306.3765869, 419.6459045)}",
        "trace 2018-01-01T00:40:00Z T1 turbine::ActivePower=380.6506958  #0 threshold  passed",
        "trace 2018-01-01T00:40:00Z T1 turbine::ActivePower=380.6506958  #1 time-window-aggregation  passed",
        $"trace 2018-01-01T00:40:00Z T1 turbine::ActivePower=380.6506958  #1 time-window-aggregation  state  {Hour0}: 4 values, avg so far {Avg(380.0477905, 306.3765869, 419.6459045, 380.6506958)}",
        "trace 2018-01-01T00:50:00Z T1 turbine::ActivePower=402.3919983  #0 threshold  passed",
        "trace 2018-01-01T00:50:00Z T1 turbine::ActivePower=402.3919983  #1 time-window-aggregation  passed",
        $"trace 2018-01-01T00:50:00Z T1 turbine::ActivePower=402.3919983  #1 time-window-aggregation  state  {Hour0}: 5 values, avg so far {Avg(380.0477905, 306.3765869, 419.6459045, 380.6506958, 402.3919983)}",
        "trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #0 threshold  passed",
        "trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #1 time-window-aggregation  passed",
        "trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #1 time-window-aggregation  state  window 2018-01-01T01:00:00Z–2018-01-01T02:00:00Z of turbine::P_1H: 1 value, avg so far 447.6057129",
        "trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #1 time-window-aggregation  output  turbine::P_1H @ 2018-01-01T00:00:00Z = AVG (OnTime)",
        "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=400  #0 threshold  late  older than the watermark, taken",
        "trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=400  #1 time-window-aggregation  tooLate  tooLate",
    ];

    /// <summary>avg of the five valid values of 00:00–01:00 (00:10 is filtered): (380.0477905 + 306.3765869 + 419.6459045 + 380.6506958 + 402.3919983) / 5.</summary>
    internal static readonly double HourAverage = (380.0477905 + 306.3765869 + 419.6459045 + 380.6506958 + 402.3919983) / 5;

    [Fact]
    public void ShouldPrintEachStepsVerdictOnTheTracedRecords_AndWriteTheSameAsNdjson()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, Job);
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, [.. File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")).Take(40), LateLine]);
        var traceFile = Path.Combine(dir, "trace.ndjson");

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "out.ndjson"),
            "--trace", "T1:turbine::ActivePower", "--trace-to", "2018-01-01T01:00:00Z", "--trace-out", traceFile);

        Assert.True(exit == 0, error);
        var expected = Rows.Select(r => r.Replace("AVG", Average(), StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, error.Split('\n').Where(l => l.StartsWith("trace ", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).ToArray());
        Assert.Contains($"traced                    8  records of T1 turbine::ActivePower to 2018-01-01T01:00:00Z, lines in {traceFile}", error, StringComparison.Ordinal);

        var json = File.ReadAllLines(traceFile).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected.Length, json.Count);
        var filtered = json[3];
        Assert.Equal(("T1", "turbine::ActivePower", 1514765400000L, "2018-01-01T00:10:00Z", "453.7691956"),
            (filtered.GetProperty("assetId").GetString(), filtered.GetProperty("point").GetString(), filtered.GetProperty("time").GetInt64(), filtered.GetProperty("at").GetString(), filtered.GetProperty("value").GetString()));
        Assert.Equal((0, "pipeline[0]", "threshold", "filtered", "filtered.threshold: 453.7691956 outside [0,450]", 1514764800000L),
            (filtered.GetProperty("step").GetInt32(), filtered.GetProperty("stepPath").GetString(), filtered.GetProperty("operator").GetString(),
             filtered.GetProperty("kind").GetString(), filtered.GetProperty("detail").GetString(), filtered.GetProperty("watermark").GetInt64()));
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("watermark").ValueKind);
        Assert.Equal("tooLate", json[^1].GetProperty("kind").GetString());
        Assert.Equal(1514772000000L, json[^1].GetProperty("watermark").GetInt64()); // 02:00, the last record before the late one (the run goes on past --trace-to)
    }

    [Fact]
    public void ShouldRefuseTraceOptionsWithoutTrace_AndABadTime()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, Job);
        var input = CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson");

        var (alone, _, aloneError) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "o.ndjson"), "--trace-out", Path.Combine(dir, "t"));
        var (bad, _, badError) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(dir, "o.ndjson"), "--trace", "T1", "--trace-from", "noon");

        Assert.Equal((2, 2), (alone, bad));
        Assert.Contains("--trace-from, --trace-to and --trace-out go with --trace ASSET[:POINT]", aloneError, StringComparison.Ordinal);
        Assert.Contains("calc run: --trace-from: 'noon' is not a time", badError, StringComparison.Ordinal);
    }

    internal static string Average() => Calc.Sdk.PointValue.FromNumber(HourAverage).ToString();

    private static string Avg(params double[] values) => Calc.Sdk.PointValue.FromNumber(values.Sum() / values.Length).ToString();
}
