using Calc.Engine.Files;
using Calc.Sdk;

namespace Calc.Engine.Metadata.Tests;

public sealed class AssetHierarchyTests
{
    [Fact]
    public void ShouldStoreTheParentFromACsvColumnAndNotMakeItAnAttribute()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.csv", "assetId,modelId,parentId,capacity_kWp\nPLANT1,plant,,2200\nINV01,inverter,PLANT1,100\n");

        Assert.Equal(2, AssetImport.Import(temp.Store, file, "o1", new ProblemList()));

        var assets = temp.Store.Assets();
        Assert.Null(assets.Single(a => a.Id == "PLANT1").Parent);
        var inverter = assets.Single(a => a.Id == "INV01");
        Assert.Equal("PLANT1", inverter.Parent);
        Assert.False(inverter.Attributes.ContainsKey("parentId"));
        Assert.Equal(100, inverter.Attributes["capacity_kWp"].Number);
    }

    [Fact]
    public void ShouldReadTheParentFromJsonAndHandItToJobsThroughTheDirectory()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.json", """
            [{"assetId":"INV01","modelId":"inverter","parentId":"PLANT1","attributes":{"capacity_kWp":100}},
             {"assetId":"INV02","modelId":"inverter","attributes":{}}]
            """);
        Assert.Equal(2, AssetImport.Import(temp.Store, file, "o1", new ProblemList()));

        IAssetDirectory directory = new StoreAssetDirectory(StoreAssets.Attributes(temp.Store, "o1"), temp.Store.Models());

        Assert.True(directory.TryGetParent("INV01", out var parent));
        Assert.Equal("PLANT1", parent);
        Assert.False(directory.TryGetParent("INV02", out _));
    }

    [Fact]
    public void ShouldListChildrenAndModelsThroughTheStoresDirectory()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.json", """
            [{"assetId":"PLANT1","modelId":"plant"},
             {"assetId":"WS1","modelId":"weather","parentId":"PLANT1"},
             {"assetId":"INV01","modelId":"inverter","parentId":"PLANT1"},
             {"assetId":"INV02","modelId":"inverter","parentId":"PLANT2"}]
            """);
        Assert.Equal(4, AssetImport.Import(temp.Store, file, "o1", new ProblemList()));

        IAssetDirectory directory = new StoreAssetDirectory(StoreAssets.Attributes(temp.Store, "o1"), temp.Store.Models());

        Assert.Equal(["INV01", "WS1"], directory.GetChildren("PLANT1").Order(StringComparer.Ordinal));
        Assert.Equal(["INV02"], directory.GetChildren("PLANT2"));
        Assert.Empty(directory.GetChildren("INV01"));
        Assert.True(directory.TryGetModel("WS1", out var model));
        Assert.Equal("weather", model);
        Assert.False(directory.TryGetModel("NOPE", out _));
    }

    [Fact]
    public void ShouldMoveAChildWhenItsParentChangesInTheDirectory()
    {
        var directory = new Calc.Engine.Runtime.AssetDirectory();
        directory.SetParent("INV01", "PLANT1");
        directory.SetParent("INV02", "PLANT1");
        directory.SetParent("INV01", "PLANT2");
        directory.SetParent("INV01", "PLANT2");

        Assert.Equal(["INV02"], directory.GetChildren("PLANT1"));
        Assert.Equal(["INV01"], directory.GetChildren("PLANT2"));
    }

    [Fact]
    public void ShouldReplaceTheParentWhenAnAssetIsImportedAgain()
    {
        using var temp = new TempStore();
        AssetImport.Import(temp.Store, temp.Write("a.csv", "assetId,modelId,parentId\nINV01,inverter,PLANT1\n"), "o1", new ProblemList());
        AssetImport.Import(temp.Store, temp.Write("b.csv", "assetId,modelId,parentId\nINV01,inverter,PLANT2\n"), "o1", new ProblemList());

        Assert.Equal("PLANT2", temp.Store.Assets().Single().Parent);
    }

    [Fact]
    public void ShouldReportANonStringParentWithItsJsonPath()
    {
        using var temp = new TempStore();
        var problems = new ProblemList();
        var file = temp.Write("assets.json", """[{"assetId":"INV01","parentId":7}]""");

        Assert.Null(AssetImport.Import(temp.Store, file, "o1", problems));

        Assert.Contains(problems.Items, p => p.Path.EndsWith("[0].parentId", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldReadParentsFromAnAssetsFileForFileRuns()
    {
        using var temp = new TempStore();
        var problems = new ProblemList();
        var file = temp.Write("run-assets.json", """
            [{"assetId":"INV01","modelId":"inverter","parentId":"PLANT1","attributes":{"capacity_kWp":100}},
             {"assetId":"INV02","modelId":"inverter","parentId":3}]
            """);

        var directory = AssetFile.Load(file, problems);

        Assert.True(directory.TryGetParent("INV01", out var parent));
        Assert.Equal("PLANT1", parent);
        Assert.Equal("[1].parentId", Assert.Single(problems.Items).Path);
    }
}
