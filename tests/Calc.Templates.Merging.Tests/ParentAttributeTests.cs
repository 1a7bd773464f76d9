using Calc.Sdk;

namespace Calc.Templates.Merging.Tests;

public sealed class ParentAttributeTests
{
    [Fact]
    public void ShouldReadTheParentsAttributesThroughParentReferences()
    {
        var assets = new Calc.Engine.Runtime.AssetDirectory();
        assets.SetParent("INV01", "PLANT1");
        assets.SetParent("INV02", "PLANT2"); // PLANT2 has no capacity_kWp
        assets.Set("PLANT1", "capacity_kWp", PointValue.FromNumber(2000));
        assets.Set("INV01", "capacity_kWp", PointValue.FromNumber(100)); // the inverter's own attribute is not the parent's
        var driver = Merging.Point("""[{"output":"m::Share","expression":"${m::P} / ${parent::capacity_kWp}"}]""", new Calc.Sdk.Testing.DriverOptions { Assets = assets });
        driver.Send("m::P", "INV01", 1_000, 500);
        driver.Send("m::P", "INV02", 1_000, 500);
        driver.Send("m::P", "INV03", 1_000, 500); // no parent

        Assert.Equal([("INV01", "Share", 1_000L, 0.25)], Merging.Values(driver));
        Assert.Equal(2, Merging.Counter(driver, "skipped.missingReference"));
    }
}
