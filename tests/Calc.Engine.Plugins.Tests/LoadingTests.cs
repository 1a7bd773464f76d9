using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Calc.Sdk;

namespace Calc.Engine.Plugins.Tests;

/// <summary>Plugins load from their folders below the roots, each into its own context sharing only the SDK.</summary>
public sealed class LoadingTests : IDisposable
{
    private const string ScaleStep = """{"op":"test.scale","params":{"input":"m::P","output":"m::Q","factor":2.5}}""";

    private readonly TestRoot _root = new();

    [Fact]
    public void ShouldLoadAGoodPluginAndRunItInAPipelineJob()
    {
        _root.Install("GoodPlugin", "test.good/1.0.0");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);
        var outputs = Jobs.Run(Jobs.Compile(engine, ScaleStep), Jobs.Record("A", 1000, 4), Jobs.Record("B", 1000, -2), Jobs.Record("A", 2000, 10, "Other"));

        Assert.Empty(problems.Items);
        var plugin = Assert.Single(engine.Plugins);
        Assert.Equal(("test.good", "1.0.0"), (plugin.Manifest.Id, plugin.Manifest.Version));
        Assert.Equal(["test.scale"], plugin.Operators);
        Assert.Equal([10.0, -5.0], outputs);
    }

    [Fact]
    public void ShouldLoadEachPluginIntoItsOwnContextThatSharesOnlyTheSdk()
    {
        var good = _root.Install("GoodPlugin", "test.good/1.0.0");
        _root.Install("Acme.PowerCurve", "acme.wind/1.0.0");
        // A plugin that ships its own copy of the SDK still gets the host's: the SDK is shared.
        File.Copy(typeof(ICalcPlugin).Assembly.Location, Path.Combine(good, "Calc.Sdk.dll"));

        var engine = _root.Engine(new ProblemList());
        var outputs = Jobs.Run(Jobs.Compile(engine, ScaleStep), Jobs.Record("A", 1000, 2));

        Assert.Equal([5.0], outputs);
        var goodContext = Assert.Single(LoadedContexts.Holding("GoodPlugin", _root.Path));
        var acmeContext = Assert.Single(LoadedContexts.Holding("Acme.PowerCurve", _root.Path));
        Assert.NotSame(goodContext, acmeContext);
        // CalcEngine.Create never unloads, so it loads into non-collectible contexts (faster code); PluginCatalog's are collectible.
        Assert.False(goodContext.IsCollectible || acmeContext.IsCollectible);
        Assert.Equal(["GoodPlugin"], goodContext.Assemblies.Select(a => a.GetName().Name));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(ICalcPlugin).Assembly));
        Assert.Equal(["acme.wind", "test.good"], engine.Plugins.Select(p => p.Manifest.Id).Order());
    }

    [Fact]
    public void ShouldRefuseABadManifestListingEveryProblemBeforeAnyCodeLoads()
    {
        var folder = _root.Install("BadManifestPlugin", "bad");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);

        var manifest = Path.Combine(folder, "calc-plugin.json");
        Assert.Equal(
            [
                $"{manifest}: id: 'Test Bad' is not a plugin id: lower-case letters and digits in parts joined by '.' or '-', like acme.wind",
                $"{manifest}: version: 'one' is not a version like 1.2.0",
                $"{manifest}: entryAssembly: '../GoodPlugin/GoodPlugin.dll' is not a file inside the plugin folder",
                $"{manifest}: operators[0].id: 'select' cannot be an operator id: use lower-case letters and digits joined by '.' or '-', and none of select, threshold, expression, script, template",
                $"{manifest}: operators[1].kind: 'widget' must be template or operator",
                $"{manifest}: operators[1].colour: type 'colour' is not one of string, number, boolean, duration, interval, point, points, enum, expression, script, timeZone, numberOrAttribute, intervalOrAttribute, stringOrAttribute, object, array",
            ],
            problems.Items.Select(p => p.ToString()));
        Assert.Empty(engine.Plugins);
        Assert.False(LoadedContexts.IsLoaded("BadManifestPlugin"));
    }

    [Fact]
    public void ShouldRefuseAnotherSdkMajorVersionBeforeAnyCodeLoads()
    {
        var folder = _root.Install("WrongSdkPlugin", "test.wrong-sdk/1.0.0");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);

        var problem = Assert.Single(problems.Items);
        Assert.Equal($"{folder}/calc-plugin.json: sdkVersion", problem.Path);
        Assert.Equal("the plugin was built against SDK 2.0.0; this Calc runs SDK 1.1.0 (major versions must match)", problem.Message);
        Assert.Empty(engine.Registry.All);
        Assert.False(LoadedContexts.IsLoaded("WrongSdkPlugin"));
    }

    [Fact]
    public void ShouldRefuseAPluginBuiltAgainstANewerMinorSdk()
    {
        var folder = _root.Install("GoodPlugin", "test.good/1.0.0");
        Rewrite(folder, m => m["sdkVersion"] = "1.4.0");
        var problems = new ProblemList();

        _root.Engine(problems);

        Assert.Equal(
            "the plugin was built against SDK 1.4.0, newer than this Calc's SDK 1.1.0: it may use what this Calc lacks; update Calc",
            Assert.Single(problems.Items).Message);
    }

    [Fact]
    public void ShouldRefuseAFolderOutsideTheConfiguredRoots()
    {
        using var elsewhere = new TestRoot();
        var outside = elsewhere.Install("GoodPlugin", "test.good");
        var registry = new OperatorRegistry();
        var loader = new PluginDirectoryLoader(registry, [_root.Path]);
        var problems = new ProblemList();

        var loaded = loader.Load(outside, problems);

        Assert.Null(loaded);
        Assert.Equal($"{outside}: refused: plugins load only from the configured plugin roots ({_root.Path})", Assert.Single(problems.Items).ToString());
        Assert.Empty(registry.All);
    }

    [Fact]
    public void ShouldRefuseALinkInsideTheRootsThatLeadsOutsideThem()
    {
        using var elsewhere = new TestRoot();
        var outside = elsewhere.Install("GoodPlugin", "test.good");
        var link = Path.Combine(_root.Path, "test.good");
        Directory.CreateSymbolicLink(link, outside);
        var problems = new ProblemList();

        var engine = _root.Engine(problems);

        Assert.Equal($"{link}: refused: the folder links outside the configured plugin roots", Assert.Single(problems.Items).ToString());
        Assert.Empty(engine.Plugins);
    }

    [Fact]
    public void ShouldRefuseAPluginThatRegistersOtherOperatorsThanItsManifestDeclares()
    {
        var folder = _root.Install("GoodPlugin", "test.good/1.0.0");
        Rewrite(folder, m => m["operators"]![0]!["id"] = "test.other");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);

        Assert.Equal(
            $"{folder}: plugin 'test.good' 1.0.0 failed to load: registers 'test.scale', which its manifest does not list; declares operator 'test.other' in its manifest but does not register it",
            Assert.Single(problems.Items).ToString());
        Assert.Empty(engine.Registry.All);
    }

    [Fact]
    public void ShouldLoadTheNewestInstalledVersionAtStartup()
    {
        _root.Install("VersionedPluginV2", "test.versioned/2.0.0");
        _root.Install("VersionedPluginV1", "test.versioned/1.0.0");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);
        var outputs = Jobs.Run(Jobs.Compile(engine, """{"op":"test.versioned","params":{"input":"m::P","output":"m::V"}}"""), Jobs.Record("A", 1, 0));

        Assert.Empty(problems.Items);
        Assert.Equal("2.0.0", Assert.Single(engine.Plugins).Manifest.Version);
        Assert.Equal([2.0], outputs);
    }

    [Fact]
    public void ShouldRefuseASecondPluginThatClaimsAnOperatorIdAlreadyProvided()
    {
        _root.Install("GoodPlugin", "test.good/1.0.0");
        var copy = _root.Install("GoodPlugin", "test.good-copy/1.0.0");
        Rewrite(copy, m => m["id"] = "test.good-copy");
        var problems = new ProblemList();

        var engine = _root.Engine(problems);

        Assert.Equal(
            $"{copy}: plugin 'test.good-copy' 1.0.0 failed to load: operator 'test.scale' from plugin 'test.good-copy' is already provided by plugin 'test.good' 1.0.0",
            Assert.Single(problems.Items).ToString());
        Assert.Equal("test.good", Assert.Single(engine.Plugins).Manifest.Id);
    }

    public void Dispose() => _root.Dispose();

    internal static void Rewrite(string folder, Action<JsonNode> change)
    {
        var path = Path.Combine(folder, "calc-plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        change(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }
}
