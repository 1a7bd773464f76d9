using System.Text.Json;

namespace Calc.Host.Tests;

[Collection(DataDirCollection.Name)]
public sealed class StoreRunTests : DataDirTest
{
    private const string LoadJob = """
        {"id":"load","orgId":"o1","template":"multi-point-merging","settings":{"trigger":"point"},
         "policies":[{"output":"inverter::LOAD_PCT","expression":"${inverter::AC_POWER} * 100 / ${inverter::ratedPower}","triggerPoint":"inverter::AC_POWER"}]}
        """;

    private const string Input = """
        {"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":1000,"value":45}
        {"orgId":"o1","modelId":"inverter","assetId":"INV02","pointId":"AC_POWER","time":1000,"value":45}
        """;

    [Fact]
    public void ShouldResolveAttributesFromTheStoreWhenRunHasNoAssetsFile()
    {
        var import = CliRunner.Run("asset", "import", Write("assets.csv", "assetId,modelId,ratedPower\nINV01,inverter,200\nINV02,inverter,60\n"), "--org", "o1");

        var values = Run(LoadJob);

        Assert.Equal(0, import.Exit);
        Assert.Contains("imported 2 assets into org o1", import.Out, StringComparison.Ordinal);
        // 45 × 100 / 200 = 22.5; 45 × 100 / 60 = 75.
        Assert.Equal([("INV01", 22.5), ("INV02", 75.0)], values);
    }

    [Fact]
    public void ShouldPreferTheAssetsFileOverTheStore()
    {
        CliRunner.Run("asset", "import", Write("assets.csv", "assetId,modelId,ratedPower\nINV01,inverter,200\nINV02,inverter,60\n"));

        var values = Run(LoadJob, "--assets", Write("assets.json", """{"INV01":{"ratedPower":90}}"""));

        // Only the file's INV01 (45 × 100 / 90 = 50); INV02 has no ratedPower in the file: skipped.
        Assert.Equal([("INV01", 50.0)], values);
    }

    [Fact]
    public void ShouldCoerceOutputsToTheModelsPointTypes()
    {
        CliRunner.Run("asset", "import", Write("assets.json", """[{"assetId":"INV01","modelId":"inverter","attributes":{"ratedPower":200}},{"assetId":"INV02","modelId":"inverter","attributes":{"ratedPower":-200}}]"""));
        var models = CliRunner.Run("model", "import", Write("models.json", """[{"modelId":"inverter","points":{"LOAD_PCT":"long","RUNNING":"bool","CODE":"long"}}]"""));
        var job = """
            {"id":"typed","orgId":"o1","pipeline":[
              {"op":"expression","expression":"${inverter::AC_POWER} * 100 / ${inverter::ratedPower}","output":"inverter::LOAD_PCT"},
              {"op":"expression","expression":"${inverter::AC_POWER} * 0 + ${inverter::ratedPower} + 200","output":"inverter::RUNNING"},
              {"op":"expression","expression":"'code-' + ${inverter::AC_POWER}","output":"inverter::CODE"}]}
            """;

        var (values, error) = RunTyped(job);

        Assert.Equal(0, models.Exit);
        // 22.5 and −22.5 round half away from zero to 23 and −23; 200 + 200 ≠ 0 is true, −200 + 200 = 0 false; the text cannot be a long.
        Assert.Equal(["INV01 LOAD_PCT 23", "INV01 RUNNING true", "INV02 LOAD_PCT -23", "INV02 RUNNING false"], values);
        Assert.Matches(@"skipped\.coercionFailed\s+2", error);
    }

    [Fact]
    public void ShouldStoreANewJobVersionOnlyWhenTheJobChanged()
    {
        var path = Write("job.json", LoadJob);
        var first = CliRunner.Run("job", "save", path);
        var again = CliRunner.Run("job", "save", path);
        File.WriteAllText(path, LoadJob.Replace("* 100", "* 1000", StringComparison.Ordinal));
        var changed = CliRunner.Run("job", "save", path);

        var show = CliRunner.Run("job", "show", "load", "--version", "1");
        var list = CliRunner.Run("job", "list");

        Assert.Equal(["job load version 1", "job load version 1 (unchanged)", "job load version 2"], new[] { first, again, changed }.Select(r => r.Out.Trim()));
        Assert.Contains("* 100 /", show.Out, StringComparison.Ordinal);
        Assert.Matches(@"load\s+2\s+\S+ \S+\s+multi-point-merging", list.Out);
    }

    private List<(string, double)> Run(string jobText, params string[] extra)
    {
        var output = Path.Combine(Dir, "out.ndjson");
        var (exit, _, error) = CliRunner.Run(["run", Write("job.json", jobText), "--input", Write("in.ndjson", Input), "--output", output, .. extra]);
        Assert.True(exit == 0, error);
        return [.. File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("assetId").GetString()!, r.GetProperty("value").GetDouble()))];
    }

    private (List<string> Values, string Error) RunTyped(string jobText)
    {
        var output = Path.Combine(Dir, "out.ndjson");
        var (exit, _, error) = CliRunner.Run("run", Write("job.json", jobText), "--input", Write("in.ndjson", Input), "--output", output);
        Assert.True(exit == 0, error);
        var values = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => $"{r.GetProperty("assetId").GetString()} {r.GetProperty("pointId").GetString()} {r.GetProperty("value").GetRawText()}")
            .Order(StringComparer.Ordinal).ToList();
        return (values, error);
    }
}
