using Calc.Engine;
using Calc.Sdk;

namespace Calc.Templates.Energy.Tests;

/// <summary>The template pack loads through the engine's plugin loader, and its manifest schema governs jobs.</summary>
public sealed class PluginLoadingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));

    public PluginLoadingTests()
    {
        var folder = Path.Combine(_root, "energy");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "Calc.Templates.Energy.dll", "calc-plugin.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(folder, file));
        }
    }

    [Fact]
    public void ShouldLoadThePluginWithItsThreeTemplates()
    {
        var problems = new ProblemList();
        var engine = CalcEngine.Create(new CalcEngineOptions { PluginRoots = [_root] }, problems);

        Assert.Empty(problems.Items);
        var plugin = Assert.Single(engine.Plugins);
        Assert.Equal("calc.templates.energy", plugin.Manifest.Id);
        Assert.Equal(
            ["energy-by-average-power", "energy-by-instant-power", "energy-by-meter-reading"],
            engine.Registry.All.Select(o => o.Factory.Id).Order());
    }

    [Theory]
    [InlineData("energy-by-meter-reading", "{'timeZone':'Asia/Kolkata','detailInterval':'15m','attribution':'end'}", "{'input':'meter::E','slope':{'attribute':'maxRate'},'scale':{'attribute':'ct'},'dailyOutput':'meter::D','detailOutput':'meter::Q'}", "")]
    [InlineData("energy-by-instant-power", "{'timeZone':'Europe/Berlin','detailInterval':'15m','attribution':'split','maxGap':'1h'}", "{'input':'inv::P','threshold':'[0,1500]','interpolation':'lastValue','scale':0.001,'dailyOutput':'inv::D','detailOutput':'inv::Q'}", "")]
    [InlineData("energy-by-average-power", "{'timeZone':'UTC','detailInterval':'1h','attribution':'end','maxGap':'2h'}", "{'input':'inv::P','threshold':'[0,+inf)','interpolation':'ignore','scale':{'attribute':'k'},'dailyOutput':'inv::D','detailOutput':'inv::Q'}", "")]
    [InlineData("energy-by-meter-reading", "{'maxGap':'1h'}", "{'input':'meter::E','dailyOutput':'meter::D'}", "settings.maxGap")]
    [InlineData("energy-by-meter-reading", "{}", "{'input':'meter::E','dailyOutput':'meter::D','threshold':'[0,10]'}", "policies[0].threshold")]
    [InlineData("energy-by-instant-power", "{'window':'1h'}", "{'input':'inv::P','dailyOutput':'inv::D','maxRate':5,'slope':'[0,1]'}", "settings.window, policies[0].maxRate, policies[0].slope")]
    public void ShouldAcceptExactlyTheFieldsTheManifestLists(string template, string settings, string policy, string problemPaths)
    {
        var engine = CalcEngine.Create(new CalcEngineOptions { PluginRoots = [_root] }, new ProblemList());
        var job = Script.Json($"{{'id':'j','orgId':'o1','template':'{template}','settings':{settings},'policies':[{policy}]}}");
        var problems = new ProblemList();

        var compiled = engine.Compile(job, problems);

        var expected = problemPaths.Split(", ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Order(), problems.Items.Select(p => p.Path).Order());
        Assert.Equal(expected.Length == 0, compiled is not null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The loader may still hold the DLL; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
