using System.Diagnostics;
using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// A rule that fails (a script indexing out of range, an expression on a string) once showed only
/// <c>skipped.ruleError N</c>. The run summary and test responses now carry the last distinct messages.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class RuleErrorRegressionTests : DataDirTest
{
    private const string Job = """
        {"id":"r","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
         "policies":[{"output":"m::PICK","script":"var a = new double[2];\nvar i = (int)${m::P};\n  return a[i];"},
                     {"output":"m::TWICE","expression":"1 + ${m::S} * 2","triggerPoint":"m::S"}]}
        """;

    private static readonly string[] Lines =
    [
        """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"P","time":1000,"value":5}""",
        """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"P","time":2000,"value":7}""",
        """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"S","time":3000,"value":"abc"}""",
    ];

    [Fact]
    public void ShouldPrintTheLastDistinctRuleErrorsInTheRunSummary()
    {
        var job = Path.Combine(Dir, "job.json");
        File.WriteAllText(job, Job);
        var input = Path.Combine(Dir, "in.ndjson");
        File.WriteAllLines(input, Lines);

        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", Path.Combine(Dir, "out.ndjson"));

        Assert.True(exit == 0, error);
        Assert.Matches(@"skipped\.ruleError\s+3\b", error);
        Assert.Contains("rule problems (the last 2 distinct):", error, StringComparison.Ordinal);
        // The rule's line and column: the script fails on its line 3 (indented by 2), the expression at its reference.
        Assert.Contains("rule policies[0] (m::PICK): line 3, column 3: script failed: Index was outside the bounds of the array. (IndexOutOfRangeException)", error, StringComparison.Ordinal);
        Assert.Contains("rule policies[1] (m::TWICE): line 1, column 5: 'm::S' (in 1 + ${m::S} * 2): expected a number, got the string \"abc\"", error, StringComparison.Ordinal);
    }

    /// <summary>The log goes to the process's stderr: run calc as a child process to read it.</summary>
    [Fact]
    public async Task ShouldLogTheFirstFailureOfEachRuleWithAssetTimeAndPosition()
    {
        var job = Path.Combine(Dir, "job.json");
        File.WriteAllText(job, Job);
        var input = Path.Combine(Dir, "in.ndjson");
        File.WriteAllLines(input, Lines);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "calc.dll"), "run", job, "--input", input, "--output", Path.Combine(Dir, "out.ndjson") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALC_DATA_DIR"] = Path.Combine(Dir, "data");
        start.Environment.Remove("CALC_LOG_LEVEL");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var log = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.True(process.ExitCode == 0, log);
        var script = "rule policies[0] (m::PICK) failed on asset A1 at 1970-01-01T00:00:01.000Z: line 3, column 3: script failed: Index was outside the bounds of the array. (IndexOutOfRangeException); the record's output is skipped (skipped.ruleError), the job goes on";
        var expression = "rule policies[1] (m::TWICE) failed on asset A1 at 1970-01-01T00:00:03.000Z: line 1, column 5: 'm::S' (in 1 + ${m::S} * 2): expected a number, got the string \"abc\"; the record's output is skipped";
        Assert.Contains(script, log, StringComparison.Ordinal);
        Assert.Contains(expression, log, StringComparison.Ordinal);
        // Only the first failure of the rule (its second, on the 00:00:02 record, has the same message).
        Assert.Single(log.Split('\n'), l => l.Contains("rule policies[0] (m::PICK) failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldReturnTheRuleErrorsFromATestRun()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");
        var records = "[" + string.Join(",", Lines) + "]";

        var (status, body) = await serve.Send(HttpMethod.Post, "/test", $$"""{"job":{{Job}},"records":{{records}}}""");

        Assert.True(status == 200, body.ToString());
        var problems = body.GetProperty("summary").GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Equal("rule policies[0] (m::PICK): line 3, column 3: script failed: Index was outside the bounds of the array. (IndexOutOfRangeException)", problems[0]);
        Assert.Equal("rule policies[1] (m::TWICE): line 1, column 5: 'm::S' (in 1 + ${m::S} * 2): expected a number, got the string \"abc\"", problems[1]);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("summary").GetProperty("problems").ValueKind);
    }
}
