namespace Calc.Host.Tests;

/// <summary>
/// <c>calc check</c> lists every problem of a job in one run, across the job's own shape and its
/// template's settings and policies, each with its JSON path and a message that names the allowed forms.
/// </summary>
public sealed class CheckEveryProblemRegressionTests
{
    [Fact]
    public void ShouldListAllEightMistakesAcrossStagesAtOnce()
    {
        // No orgId, a misspelled template, and six mistakes in the outputs, settings and policies.
        var (exit, error) = Check("""
            {"id":"x","template":"time-window-agregation",
             "outputs":{"tsdb":"yes"},
             "settings":{"window":"1 h","latency":30},
             "policies":[{"input":"turbine","threshold":"[0,100","aggregation":"median","output":"turbine::P"}]}
            """);

        Assert.Equal(2, exit);
        Assert.Contains("has 8 problems", error, StringComparison.Ordinal);
        foreach (var path in new[] { "orgId:", "template:", "outputs.tsdb:", "settings.window:", "settings.latency:", "policies[0].input:", "policies[0].threshold:", "policies[0].aggregation:" })
        {
            Assert.Contains("  " + path, error, StringComparison.Ordinal);
        }

        Assert.Contains("did you mean 'time-window-aggregation'", error, StringComparison.Ordinal);
        Assert.Contains("outputs.tsdb: expected true, false or an object", error, StringComparison.Ordinal);
        Assert.Contains("settings.latency: expected a duration such as \"30s\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSayADurationIsWantedForANumberAtTheJobLevel()
    {
        var (exit, error) = Check("""
            {"id":"x","orgId":"o1","idleTimeout":30,"template":"time-window-aggregation","settings":{"window":"1h"},
             "policies":[{"input":"turbine::P","aggregation":"avg","output":"turbine::P_1H"}]}
            """);

        Assert.Equal(2, exit);
        Assert.Contains("idleTimeout: expected a duration such as \"30s\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheStepsTriggerFieldForARuleWithoutReferences()
    {
        var (exit, error) = Check("""
            {"id":"x","orgId":"o1","pipeline":[{"op":"expression","expression":"1 + 2","output":"turbine::THREE"}]}
            """);

        Assert.Equal(2, exit);
        Assert.Contains("pipeline[0].trigger:", error, StringComparison.Ordinal);
        Assert.Contains("\"trigger\": \"model::point\"", error, StringComparison.Ordinal);
        Assert.DoesNotContain("triggerPoint", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Error) Check(string json)
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "job.json");
        File.WriteAllText(job, json);
        var (exit, _, error) = CliRunner.Run("check", job);
        return (exit, error);
    }
}
