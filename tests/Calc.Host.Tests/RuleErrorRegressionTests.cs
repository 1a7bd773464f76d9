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
         "policies":[{"output":"m::PICK","script":"var a = new double[2];\nreturn a[(int)${m::P}];"},
                     {"output":"m::TWICE","expression":"${m::S} * 2","triggerPoint":"m::S"}]}
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
        Assert.Contains("rule policies[0] (m::PICK): script failed: Index was outside the bounds of the array. (IndexOutOfRangeException)", error, StringComparison.Ordinal);
        Assert.Contains("rule policies[1] (m::TWICE): 'm::S' (in ${m::S} * 2): expected a number, got the string \"abc\"", error, StringComparison.Ordinal);
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
        Assert.StartsWith("rule policies[0] (m::PICK): script failed: Index was outside", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("rule policies[1] (m::TWICE): 'm::S'", problems[1], StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("summary").GetProperty("problems").ValueKind);
    }
}
