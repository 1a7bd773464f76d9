using Calc.Sdk;

namespace Calc.Engine.Metadata.Tests;

public sealed class AssetImportTests
{
    [Fact]
    public void ShouldImportTheArrayShapeWithModelsOrgsAndTypedAttributes()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.json", """
            [{"assetId":"INV01","modelId":"inverter","attributes":{"ratedPower":100,"site":"plant1","tracker":true}},
             {"assetId":"INV02","modelId":"inverter","orgId":"o2","attributes":{"ratedPower":50.5}}]
            """);

        var count = AssetImport.Import(temp.Store, file, "o1", new ProblemList());

        Assert.Equal(2, count);
        var assets = temp.Store.Assets();
        Assert.Equal(["o1/INV01", "o2/INV02"], assets.Select(a => $"{a.Org}/{a.Id}"));
        Assert.Equal(PointValue.FromNumber(100), assets[0].Attributes["ratedPower"]);
        Assert.Equal(PointValue.FromString("plant1"), assets[0].Attributes["site"]);
        Assert.Equal(PointValue.FromBool(true), assets[0].Attributes["tracker"]);
        Assert.Equal(50.5, assets[1].Attributes["ratedPower"].Number);
        Assert.Equal("inverter", assets[1].Model);
    }

    [Fact]
    public void ShouldImportTheObjectShapeWithoutModels()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.json", """{"INV01":{"slopeMax":5000},"INV02":{"slopeMax":2500}}""");

        Assert.Equal(2, AssetImport.Import(temp.Store, file, "", new ProblemList()));

        Assert.Equal([5000.0, 2500.0], temp.Store.Assets().Select(a => a.Attributes["slopeMax"].Number));
        Assert.All(temp.Store.Assets(), a => Assert.Null(a.Model));
    }

    [Fact]
    public void ShouldTurnCsvNumbersIntoNumbersAndKeepQuotedFieldsAsText()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.csv", "assetId,modelId,ratedPower,serial,site,tracker\r\nINV01,inverter,100,\"007\",\"plant, north\",true\r\nWT01,turbine,-2.5e3,,plant2,false\n\n");

        Assert.Equal(2, AssetImport.Import(temp.Store, file, "o1", new ProblemList()));

        var inverter = temp.Store.Assets(model: "inverter").Single();
        Assert.Equal(PointValue.FromNumber(100), inverter.Attributes["ratedPower"]);
        Assert.Equal(PointValue.FromString("007"), inverter.Attributes["serial"]);
        Assert.Equal(PointValue.FromString("plant, north"), inverter.Attributes["site"]);
        Assert.Equal(PointValue.FromBool(true), inverter.Attributes["tracker"]);
        var turbine = temp.Store.Assets(model: "turbine").Single();
        Assert.Equal(-2500.0, turbine.Attributes["ratedPower"].Number);
        Assert.False(turbine.Attributes.ContainsKey("serial"));
    }

    [Fact]
    public void ShouldListEveryBadCsvLineAndWriteNothing()
    {
        using var temp = new TempStore();
        var good = temp.Write("good.csv", "assetId,modelId,ratedPower\nINV09,inverter,10\n");
        AssetImport.Import(temp.Store, good, "o1", new ProblemList());
        var bad = temp.Write("bad.csv", "assetId,modelId,ratedPower\nINV01,inverter,100\nINV02,inverter\n,inverter,5\nINV03,inverter,\"open\nINV01,inverter,7\n");
        var problems = new ProblemList();

        var count = AssetImport.Import(temp.Store, bad, "o1", problems);

        Assert.Null(count);
        Assert.Equal(
            [
                $"{bad}:3: 2 fields, but the header has 3",
                $"{bad}:4: assetId is empty",
                $"{bad}:5: a quoted field is not closed",
                $"{bad}: asset 'INV01' of org 'o1' is listed twice",
            ],
            problems.Items.Select(p => p.ToString()));
        Assert.Equal(["INV09"], temp.Store.Assets().Select(a => a.Id));
    }

    [Fact]
    public void ShouldGiveTheJsonPathOfEveryProblem()
    {
        using var temp = new TempStore();
        var file = temp.Write("assets.json", """[{"modelId":"inverter"},{"assetId":"A","attributes":{"x":[1]}},{"assetId":"B","color":"red"}]""");
        var problems = new ProblemList();

        Assert.Null(AssetImport.Import(temp.Store, file, "", problems));

        Assert.Equal(
            [$"{file}: [0].assetId: required", $"{file}: [1].attributes.x: an attribute is a number, a string or a boolean", $"{file}: [2].color: unknown field (fields: assetId, modelId, parentId, orgId, attributes)"],
            problems.Items.Select(p => p.ToString()));
        Assert.Empty(temp.Store.Assets());
    }

    [Fact]
    public void ShouldReadModelsWithTheirPointTypes()
    {
        using var temp = new TempStore();
        var file = temp.Write("models.json", """[{"modelId":"inverter","points":{"ENERGY_DAY":"double","STATE":"long","RUNNING":"bool","MODE":"string"}}]""");

        Assert.Equal(1, ModelImport.Import(temp.Store, file, new ProblemList()));

        var model = Assert.Single(temp.Store.Models());
        Assert.Equal(PointType.Double, model.Points["ENERGY_DAY"]);
        Assert.Equal(PointType.Long, model.Points["STATE"]);
        Assert.Equal(PointType.Bool, model.Points["RUNNING"]);
        Assert.Equal(PointType.String, model.Points["MODE"]);
    }

    [Fact]
    public void ShouldRefuseAnUnknownPointType()
    {
        using var temp = new TempStore();
        var file = temp.Write("models.json", """[{"modelId":"inverter","points":{"STATE":"int"}}]""");
        var problems = new ProblemList();

        Assert.Null(ModelImport.Import(temp.Store, file, problems));

        Assert.Equal($"{file}: [0].points.STATE: expected one of double, long, bool, string", Assert.Single(problems.Items).ToString());
        Assert.Empty(temp.Store.Models());
    }
}
