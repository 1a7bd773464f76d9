namespace Calc.Host.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void ShouldListEveryProblemWithItsJsonPathAndExit2()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "bad.json");
        File.WriteAllText(job, """
            {"id":"x","orgId":"o1","template":"time-window-aggregation","colour":"red",
             "settings":{"window":"1 h","latency":"5m"},
             "policies":[{"input":"turbine","threshold":"[0,100","aggregation":"median","output":"turbine::P"},
                         {"input":"turbine::WindSpeed","aggregation":"avg","output":"turbine::W","extra":true}]}
            """);

        var (exit, _, error) = CliRunner.Run("check", job);

        Assert.Equal(2, exit);
        Assert.Contains("has 6 problems", error, StringComparison.Ordinal);
        foreach (var path in new[] { "colour:", "settings.window:", "policies[0].input:", "policies[0].threshold:", "policies[0].aggregation:", "policies[1].extra:" })
        {
            Assert.Contains("  " + path, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShouldRefuseAScriptThatReadsFiles_NamingTheApi_WithLineAndColumn()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "script.json");
        File.WriteAllText(job, """
            {"id":"s","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
             "policies":[{"output":"turbine::Leak","script":"var t = System.IO.File.ReadAllText(\"/etc/passwd\");\nreturn t.Length + ${turbine::ActivePower};"}]}
            """);

        var (exit, _, error) = CliRunner.Run("check", job);

        Assert.Equal(2, exit);
        Assert.Contains("policies[0].script:", error, StringComparison.Ordinal);
        Assert.Contains("System.IO.File", error, StringComparison.Ordinal);
        Assert.Contains("line 1, column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAcceptAValidJobAndNameItsOutputs()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "ok.json");
        File.WriteAllText(job, """{"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"10m"},"policies":[{"input":"turbine::WindSpeed","aggregation":"max","output":"turbine::WS_MAX"}]}""");

        var (exit, output, _) = CliRunner.Run("check", job);

        Assert.Equal(0, exit);
        Assert.Contains("outputs: turbine::WS_MAX", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameAnUnknownTemplateAndListTheInstalledOnes()
    {
        var dir = CliRunner.TempDir();
        var job = Path.Combine(dir, "unknown.json");
        File.WriteAllText(job, """{"id":"w","orgId":"o1","template":"time-window","settings":{},"policies":[{}]}""");

        var (exit, _, error) = CliRunner.Run("check", job);

        Assert.Equal(2, exit);
        Assert.Contains("template: unknown template 'time-window' (installed: ", error, StringComparison.Ordinal);
        Assert.Contains("time-window-aggregation", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldExit2OnUnknownOptions()
    {
        var (exit, _, error) = CliRunner.Run("check", "a.json", "--fast");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option --fast", error, StringComparison.Ordinal);
    }
}
