using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc explain</c> on the real wind fixture's first hours (with its three broken lines and one late record
/// appended), the real PV meter and a rule that fails on a string: the verdict sentence, what happened to the
/// input records, and the trace lines behind it.
/// </summary>
public sealed class ExplainCommandTests
{
    private const string Hour = "turbine::P_1H of T1 at 2018-01-01T00:00:00Z";

    [Fact]
    public void ShouldExplainAWindowValue_WithTheFilteredAndTheTooLateRecord()
    {
        var (exit, output, error) = Explain(RunTraceTests.Job, WindInput(), "T1", "turbine::P_1H", "2018-01-01T00:00:00Z");

        Assert.True(exit == 0, error);
        var lines = Lines(output);
        Assert.Equal(
            [
                $"calc explain: {Hour} (job 'trace')",
                $"  {Hour} = {Avg()} (OnTime), written by step #1 time-window-aggregation once, caused by the record of T1 turbine::ActivePower=447.6057129 at 2018-01-01T01:00:00Z",
                "  turbine::ActivePower: 7 records in [2018-01-01T00:00:00Z, 2018-01-01T01:00:00Z) (the first at 2018-01-01T00:00:00Z, the last at 2018-01-01T00:50:00Z): 5 taken; 1 #0 threshold filtered.threshold; 1 #1 time-window-aggregation tooLate",
                $"  step #1 time-window-aggregation last said: window 2018-01-01T00:00:00Z–2018-01-01T01:00:00Z of turbine::P_1H: 5 values, avg so far {Avg()}",
                "  3 input lines were rejected (not valid records) and take no part in this; calc run (in its rejected file) and POST /test list them with their reasons",
                "what the steps did with these records (lines other than 'passed'):",
            ],
            lines.Take(6));
        Assert.Contains("  trace 2018-01-01T00:10:00Z T1 turbine::ActivePower=453.7691956  #0 threshold  filtered  filtered.threshold: 453.7691956 outside [0,450]", lines);
        Assert.Contains($"  trace 2018-01-01T01:00:00Z T1 turbine::ActivePower=447.6057129  #1 time-window-aggregation  output  turbine::P_1H @ 2018-01-01T00:00:00Z = {Avg()} (OnTime)", lines);
        Assert.Equal("  trace 2018-01-01T00:30:00Z T1 turbine::ActivePower=400  #1 time-window-aggregation  tooLate  tooLate", lines[^1]);
    }

    [Fact]
    public void ShouldGiveTheNearestOutputs_WhenTheTimeIsNotTheStartOfAWindow()
    {
        var (exit, output, error) = Explain(RunTraceTests.Job, WindInput(), "T1", "turbine::P_1H", "2018-01-01T00:20:00Z");

        Assert.True(exit == 0, error);
        var verdict = Lines(output)[1];
        Assert.StartsWith("  no turbine::P_1H of T1 at 2018-01-01T00:20:00Z: step #1 time-window-aggregation took records in [2018-01-01T00:20:00Z, 2018-01-01T01:20:00Z) but wrote no value at this time (is it the start of one of its periods?); its nearest outputs are at 2018-01-01T00:00:00Z (" + Avg() + ") and at 2018-01-01T01:00:00Z (", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSayWhichRecordsAreMissing_AndWhatTheJobWrites()
    {
        var input = WindInput();

        var noAsset = Lines(Explain(RunTraceTests.Job, input, "T2", "turbine::P_1H", "2018-01-01T00:00:00Z").Out);
        var noRecords = Lines(Explain(RunTraceTests.Job, input, "T1", "turbine::P_1H", "2018-01-01T05:00:00Z").Out);
        var noStep = Lines(Explain(RunTraceTests.Job, input, "T1", "turbine::Nope", "2018-01-01T00:00:00Z").Out);
        var filtered = Lines(Explain(RunTraceTests.Job, input, "T1", "turbine::ActivePower", "2018-01-01T00:10:00Z").Out);

        Assert.Equal("  no turbine::P_1H of T2 at 2018-01-01T00:00:00Z: the input has no record of asset T2", noAsset[1]);
        Assert.Equal("  no turbine::P_1H of T1 at 2018-01-01T05:00:00Z: no record of turbine::ActivePower for this asset in [2018-01-01T05:00:00Z, 2018-01-01T06:00:00Z)", noRecords[1]);
        Assert.Equal("  turbine::ActivePower: no record in [2018-01-01T05:00:00Z, 2018-01-01T06:00:00Z); the last one before is at 2018-01-01T02:00:00Z (710.5872803)", noRecords[2]);
        Assert.Equal(["calc explain: turbine::Nope of T1 at 2018-01-01T00:00:00Z (job 'trace')", "  no step of job 'trace' writes turbine::Nope; it writes turbine::ActivePower, turbine::P_1H"], noStep);
        Assert.Equal(
            [
                "  no turbine::ActivePower of T1 at 2018-01-01T00:10:00Z: none of the records at 2018-01-01T00:10:00Z was taken by step #0 threshold",
                "  turbine::ActivePower: 1 record at 2018-01-01T00:10:00Z: 1 #0 threshold filtered.threshold; the last one before is at 2018-01-01T00:00:00Z (380.0477905)",
            ],
            filtered.Skip(1).Take(2));
    }

    [Fact]
    public void ShouldExplainADaysEnergyFromTheMeter_WithTheExcludedChanges()
    {
        const string asset = "1BY6WEcLGh8j5v7";
        var job = """
            {"id":"meter-energy","orgId":"o1","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
             "policies":[{"input":"inverter::TOTAL_YIELD","slope":"[0,40]","dailyOutput":"inverter::ENERGY_DAY"}]}
            """;
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "meter.ndjson");
        File.WriteAllLines(input, File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Contains($"\"assetId\":\"{asset}\"", StringComparison.Ordinal)));
        var jobPath = Path.Combine(dir, "job.json");
        File.WriteAllText(jobPath, job);
        var outPath = Path.Combine(dir, "out.ndjson");
        Assert.Equal(0, CliRunner.Run("run", jobPath, "--input", input, "--output", outPath).Exit);
        var final = File.ReadLines(outPath).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("time").GetInt64() == 1589481000000 && r.GetProperty("attr").GetProperty("calMode").GetString() == "final")
            .GetProperty("value").GetDouble();

        var (exit, output, error) = Explain(job, input, asset, "inverter::ENERGY_DAY", "2020-05-14T18:30:00Z", dir);

        Assert.True(exit == 0, error);
        var lines = Lines(output);
        Assert.StartsWith($"  inverter::ENERGY_DAY of {asset} at 2020-05-14T18:30:00Z = {final} (Final), written by step #0 energy-by-meter-reading 5 times", lines[1], StringComparison.Ordinal);
        Assert.Equal("  inverter::TOTAL_YIELD: 93 records in [2020-05-14T18:30:00Z, 2020-05-15T18:30:00Z] (the first at 2020-05-14T18:30:00Z, the last at 2020-05-15T17:30:00Z): 47 taken; 46 #0 energy-by-meter-reading excluded.slope", lines[2]);
        // The first value of the day: the meter moved 6259559 → 6259561.625 at 00:45 UTC (hand-checked in RunTraceEnergyTests).
        Assert.Equal($"  2.625 (Early)  by the record of {asset} inverter::TOTAL_YIELD=6259561.625 at 2020-05-15T00:45:00Z", lines[lines.IndexOf("values written, in order:") + 1]);
        Assert.Contains(lines, l => l.EndsWith("#0 energy-by-meter-reading  excluded  excluded.slope: 6259561.625 → 6259572.286 since 2020-05-15T00:45:00Z is 42.6440000012517/h, outside slope [0,40]; the anchor moves to 6259572.286", StringComparison.Ordinal));
        Assert.Contains("  … 23 more like it, the last at 2020-05-15T00:30:00Z", lines);
    }

    [Fact]
    public void ShouldFindTheTooTightSlope_AndTheFixedDayIsTheMetersMove()
    {
        const string asset = "1BY6WEcLGh8j5v7";
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "meter.ndjson");
        File.WriteAllLines(input, File.ReadLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Contains($"\"assetId\":\"{asset}\"", StringComparison.Ordinal)));
        string Job(string slope) => $$"""
            {"id":"meter-energy","orgId":"o1","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
             "policies":[{"input":"inverter::TOTAL_YIELD","slope":"{{slope}}","dailyOutput":"inverter::ENERGY_DAY"}]}
            """;

        var tight = Lines(Explain(Job("[0,40]"), input, asset, "inverter::ENERGY_DAY", "2020-05-14T18:30:00Z", dir).Out);
        var fixedSlope = Lines(Explain(Job("[0,2000]"), input, asset, "inverter::ENERGY_DAY", "2020-05-14T18:30:00Z", dir).Out);

        Assert.StartsWith($"  inverter::ENERGY_DAY of {asset} at 2020-05-14T18:30:00Z = 16.875 (Final)", tight[1], StringComparison.Ordinal);
        Assert.EndsWith(": 47 taken; 46 #0 energy-by-meter-reading excluded.slope", tight[2], StringComparison.Ordinal);
        // The meter read 6259559 at the day's start (18:30 UTC) and 6265313 at its end: 5754 kWh.
        Assert.StartsWith($"  inverter::ENERGY_DAY of {asset} at 2020-05-14T18:30:00Z = {6265313 - 6259559} (Final)", fixedSlope[1], StringComparison.Ordinal);
        Assert.EndsWith(": 93 taken", fixedSlope[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldShowTheRuleError_AndTheValueOfTheNextRecord()
    {
        var rule = """{"id":"rule","orgId":"o1","pipeline":[{"op":"expression","expression":"${m::x} * 2","output":"m::y"}]}""";
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input,
        [
            """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":"abc"}""",
            """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":2000,"value":3}""",
        ]);
        const string error = "rule policies[0] (m::y): line 1, column 1: 'm::x' (in ${m::x} * 2): expected a number, got the string \"abc\"";

        var failed = Lines(Explain(rule, input, "A1", "m::y", "1000", dir).Out);
        var computed = Lines(Explain(rule, input, "A1", "m::y", "2000", dir).Out);

        Assert.Equal(
            [
                "calc explain: m::y of A1 at 1970-01-01T00:00:01Z (job 'rule')",
                "  no m::y of A1 at 1970-01-01T00:00:01Z: none of the records at 1970-01-01T00:00:01Z was taken by step #0 expression",
                "  m::x: 1 record at 1970-01-01T00:00:01Z: 1 #0 expression error",
                "  rule error: " + error,
                "what the steps did with these records (lines other than 'passed'):",
                "  trace 1970-01-01T00:00:01Z A1 m::x=abc  #0 expression  error  " + error,
            ],
            failed);
        Assert.Equal("  m::y of A1 at 1970-01-01T00:00:02Z = 6 (None), written by step #0 expression once, caused by the record of A1 m::x=3 at 1970-01-01T00:00:02Z", computed[1]);
    }

    [Fact]
    public void ShouldWriteTheExplanationAsJson()
    {
        var (exit, output, error) = Explain(RunTraceTests.Job, WindInput(), "T1", "turbine::P_1H", "2018-01-01T00:00:00Z", json: true);

        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("trace", "T1", "turbine::P_1H", 1514764800000L), (root.GetProperty("job").GetString(), root.GetProperty("assetId").GetString(), root.GetProperty("point").GetString(), root.GetProperty("time").GetInt64()));
        Assert.Equal((1, "pipeline[1]", "time-window-aggregation"), (root.GetProperty("step").GetProperty("index").GetInt32(), root.GetProperty("step").GetProperty("path").GetString(), root.GetProperty("step").GetProperty("operator").GetString()));
        Assert.Equal((1514764800000L, 1514768399999L), (root.GetProperty("from").GetInt64(), root.GetProperty("to").GetInt64()));
        var value = root.GetProperty("values").EnumerateArray().Single();
        Assert.Equal(RunTraceTests.HourAverage, value.GetProperty("value").GetDouble(), 9);
        Assert.Equal("onTime", value.GetProperty("calMode").GetString());
        var input = root.GetProperty("inputs").EnumerateArray().Single();
        Assert.Equal(7, input.GetProperty("records").GetInt32());
        var verdicts = input.GetProperty("verdicts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["taken"] = 5, ["#0 threshold filtered.threshold"] = 1, ["#1 time-window-aggregation tooLate"] = 1 }, verdicts);
        Assert.Equal(root.GetProperty("findings")[0].GetString(), Lines(Explain(RunTraceTests.Job, WindInput(), "T1", "turbine::P_1H", "2018-01-01T00:00:00Z").Out)[1].Trim());
        Assert.Contains(root.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "filtered" && l.GetProperty("time").GetInt64() == 1514765400000);
    }

    [Fact]
    public void ShouldListEveryUsageProblem()
    {
        var (exit, _, error) = CliRunner.Run("explain", "job.json", "--point", "P_1H", "--time", "yesterday");

        Assert.Equal(2, exit);
        Assert.Contains("calc explain: --input is required", error, StringComparison.Ordinal);
        Assert.Contains("calc explain: --asset is required", error, StringComparison.Ordinal);
        Assert.Contains("calc explain: --point: 'P_1H' is not model::POINT (for example inverter::ENERGY_DAY)", error, StringComparison.Ordinal);
        Assert.Contains("calc explain: --time: 'yesterday' is not a time: give epoch milliseconds (1589500800000) or ISO-8601 (2020-05-15T00:00:00Z)", error, StringComparison.Ordinal);
    }

    private static string Avg() => RunTraceTests.Average();

    private static string WindInput()
    {
        var dir = CliRunner.TempDir();
        var input = Path.Combine(dir, "in.ndjson");
        File.WriteAllLines(input, [.. File.ReadLines(CliRunner.Fixture("wind-t1-2018-01-01..02.ndjson")).Take(40), RunTraceTests.LateLine]);
        return input;
    }

    private static (int Exit, string Out, string Error) Explain(string jobJson, string input, string asset, string point, string time, string? dir = null, bool json = false)
    {
        dir ??= CliRunner.TempDir();
        var job = Path.Combine(dir, "explain-job.json");
        File.WriteAllText(job, jobJson);
        string[] args = ["explain", job, "--input", input, "--asset", asset, "--point", point, "--time", time];
        return CliRunner.Run(json ? [.. args, "--json"] : args);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
}
