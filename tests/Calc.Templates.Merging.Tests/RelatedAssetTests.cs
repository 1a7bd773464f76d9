using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Templates.Merging.Tests;

/// <summary><c>${parent.MODEL::POINT}</c> and <c>${sibling.MODEL::POINT}</c> on a small hand-made hierarchy.</summary>
public sealed class RelatedAssetTests
{
    private const string ParentShare = """[{"output":"inverter::Share","expression":"${inverter::P} / ${parent.plant::P_TOTAL}"}]""";

    private static AssetDirectory Hierarchy()
    {
        var assets = new AssetDirectory();
        assets.Set("PLANT1", "modelId", PointValue.FromString("plant"));
        assets.Set("PLANT2", "modelId", PointValue.FromString("site"));
        foreach (var (inverter, parent) in new[] { ("INV01", "PLANT1"), ("INV02", "PLANT1"), ("INV03", "PLANT2") })
        {
            assets.Set(inverter, "modelId", PointValue.FromString("inverter"));
            assets.SetParent(inverter, parent);
        }

        assets.Set("WS1", "modelId", PointValue.FromString("weather"));
        assets.SetParent("WS1", "PLANT1");
        return assets;
    }

    [Fact]
    public void ShouldReadTheParentsLatestPointValue_NeverGoingBackInTime()
    {
        var driver = Merging.Point(ParentShare, new DriverOptions { Assets = Hierarchy() });
        driver.Send("inverter::P", "INV01", 500, 100);     // PLANT1 has sent nothing yet: skipped
        driver.Send("plant::P_TOTAL", "PLANT1", 1_000, 2_000); // updates the cache only: triggers nothing
        driver.Send("inverter::P", "INV01", 1_000, 500);   // 500 / 2000
        driver.Send("inverter::P", "INV02", 1_100, 300);   // 300 / 2000: the same parent value
        driver.Send("plant::P_TOTAL", "PLANT1", 900, 9_999);   // older than the value kept: ignored
        driver.Send("inverter::P", "INV01", 1_200, 1_000); // 1000 / 2000
        driver.Send("plant::P_TOTAL", "PLANT1", 1_500, 4_000);
        driver.Send("inverter::P", "INV02", 1_600, 1_000); // 1000 / 4000
        driver.Send("site::P_TOTAL", "PLANT2", 1_000, 8_000);  // PLANT2 is a site, not a plant
        driver.Send("inverter::P", "INV03", 1_700, 400);   // parent.plant of INV03 has no plant::P_TOTAL: skipped
        driver.Send("inverter::P", "INV09", 1_800, 400);   // no parent: skipped

        Assert.Equal(
            [("INV01", "Share", 1_000L, 0.25), ("INV02", "Share", 1_100L, 0.15), ("INV01", "Share", 1_200L, 0.5), ("INV02", "Share", 1_600L, 0.25)],
            Merging.Values(driver));
        Assert.Equal(3, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldReadTheOneSiblingOfTheModel_AndLetTheSiblingsOwnRulesRunOnItsOwnRecords()
    {
        var driver = Merging.Point(
            """
            [{"output":"inverter::Specific","expression":"${inverter::P} / ${sibling.weather::IRR}"},
             {"output":"weather::IRR_W","expression":"${weather::IRR} * 1000"}]
            """,
            new DriverOptions { Assets = Hierarchy() });
        driver.Send("weather::IRR", "WS1", 1_000, 0.5);   // its own rule gives 500; the inverters' rule is not triggered
        driver.Send("inverter::P", "INV01", 1_000, 100);  // 100 / 0.5
        driver.Send("inverter::P", "INV03", 1_000, 100);  // PLANT2 has no weather station: skipped
        driver.Send("weather::IRR", "WS1", 2_000, 0.8);
        driver.Send("inverter::P", "INV02", 2_000, 40);   // 40 / 0.8

        Assert.Equal(
            [("WS1", "IRR_W", 1_000L, 500.0), ("INV01", "Specific", 1_000L, 200.0), ("WS1", "IRR_W", 2_000L, 800.0), ("INV02", "Specific", 2_000L, 50.0)],
            Merging.Values(driver));
        Assert.Equal(1, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldSkipAndCountARuleWhoseSiblingIsAmbiguous()
    {
        var assets = Hierarchy();
        assets.Set("WS2", "modelId", PointValue.FromString("weather"));
        assets.SetParent("WS2", "PLANT1");
        var driver = Merging.Point("""[{"output":"inverter::Specific","expression":"${inverter::P} / ${sibling.weather::IRR}"}]""", new DriverOptions { Assets = assets });
        driver.Send("weather::IRR", "WS1", 1_000, 0.5);
        driver.Send("weather::IRR", "WS2", 1_000, 0.6);
        driver.Send("inverter::P", "INV01", 1_000, 100);
        driver.Send("inverter::P", "INV01", 2_000, 100);
        driver.Send("inverter::P", "INV03", 2_000, 100); // PLANT2 has none: a missing reference, not an ambiguous one

        Assert.Empty(driver.Outputs);
        Assert.Equal(2, Merging.Counter(driver, "skipped.ambiguousReference"));
        Assert.Equal(1, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldKeepTheRelatedValuesAcrossARestart()
    {
        var driver = Merging.Point(
            """[{"output":"inverter::Specific","expression":"${inverter::P} / ${sibling.weather::IRR} + ${parent.plant::K}"}]""",
            new DriverOptions { Assets = Hierarchy() });
        driver.Send("weather::IRR", "WS1", 1_000, 0.5);
        driver.Send("plant::K", "PLANT1", 1_000, 7);
        driver.Send("inverter::P", "INV01", 1_000, 100); // resolved before the restart
        var restarted = driver.Restart();
        restarted.Send("inverter::P", "INV01", 2_000, 50);  // 50 / 0.5 + 7
        restarted.Send("inverter::P", "INV02", 2_000, 20);  // first resolved after the restart: 20 / 0.5 + 7
        restarted.Send("weather::IRR", "WS1", 500, 9);      // older than the restored value: ignored
        restarted.Send("inverter::P", "INV02", 3_000, 10);  // 10 / 0.5 + 7

        Assert.Equal([("INV01", "Specific", 1_000L, 207.0)], Merging.Values(driver));
        Assert.Equal([("INV01", "Specific", 2_000L, 107.0), ("INV02", "Specific", 2_000L, 47.0), ("INV02", "Specific", 3_000L, 27.0)], Merging.Values(restarted));
    }

    [Fact]
    public void ShouldNotCheckpointARelativeThatSentNothing()
    {
        var driver = Merging.Point(ParentShare, new DriverOptions { Assets = Hierarchy() });
        driver.Send("inverter::P", "INV01", 1_000, 100); // resolves PLANT1, which has sent nothing

        Assert.DoesNotContain("PLANT1", driver.Checkpoint(), StringComparison.Ordinal);
        var restarted = driver.Restart();
        restarted.Send("plant::P_TOTAL", "PLANT1", 1_500, 1_000);
        restarted.Send("inverter::P", "INV01", 2_000, 100);
        Assert.Equal([("INV01", "Share", 2_000L, 0.1)], Merging.Values(restarted));
    }

    [Fact]
    public void ShouldUseRelatedValuesOnTheFrequencyTrigger()
    {
        var options = new DriverOptions { Assets = Hierarchy(), Clock = new FakeClock(1_000_000) };
        var driver = Merging.Frequency("1m", """[{"output":"inverter::Specific","expression":"${inverter::P} / ${sibling.weather::IRR}"}]""", options);
        driver.AdvanceClock(0);
        driver.Send("inverter::P", "INV01", 1_000, 100);
        driver.AdvanceClock(20_000); // the tick at 1,020,000: WS1 has sent nothing, skipped (WS1 itself is not evaluated: it sent nothing)
        driver.Send("weather::IRR", "WS1", 2_000, 0.25);
        driver.AdvanceClock(60_000); // 1,080,000: INV01 gives 100 / 0.25; WS1 is evaluated now, and lacks its own inverter::P

        Assert.Equal([400.0], driver.Outputs.Select(r => r.Value.Number));
        Assert.Equal(["INV01"], driver.Outputs.Select(r => r.AssetId));
        Assert.Equal(2, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldNotAllocatePerRecord_OnceTheRelationsAreResolved()
    {
        // A null result emits nothing, so the measure is the operator's own path: cache, relation, rule.
        var driver = Merging.Point(
            """[{"output":"inverter::Y","expression":"if(${inverter::P} / ${sibling.weather::IRR} + ${parent.plant::K} > 0, null, 1)"}]""",
            new DriverOptions { Assets = Hierarchy() });
        var records = new PointRecord[4_000];
        for (var i = 0; i < records.Length; i++)
        {
            var (model, asset, point) = (i % 4) switch
            {
                0 => ("weather", "WS1", "IRR"),
                1 => ("plant", "PLANT1", "K"),
                2 => ("inverter", "INV01", "P"),
                _ => ("inverter", "INV02", "P"),
            };
            records[i] = new PointRecord { OrgId = "o1", ModelId = model, AssetId = asset, PointId = point, Time = 1_000 + i, Value = PointValue.FromNumber(1 + (i % 7)) };
        }

        foreach (var record in records.AsSpan(0, 400))
        {
            driver.Send(in record);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var record in records.AsSpan(400))
        {
            driver.Send(in record);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Empty(driver.Outputs);
        Assert.Equal(records.Length / 2, Merging.Counter(driver, "skipped.nullResult"));
    }

    [Theory]
    [InlineData("${inverter::P} / ${cousin.weather::IRR}", "policies[0].expression", "unknown relation 'cousin' in the reference cousin.weather::IRR: write parent.MODEL::POINT (the latest POINT of the asset's parent, of model MODEL) or sibling.MODEL::POINT (the latest POINT of the one asset of model MODEL under the same parent); a model id cannot hold a dot")]
    [InlineData("${inverter::P} / ${sibling.::IRR}", "policies[0].expression", "the reference sibling.::IRR names no model: write sibling.MODEL::IRR")]
    [InlineData("${inverter::P} / ${sibling::IRR}", "policies[0].expression", "the reference sibling::IRR names no model: write sibling.MODEL::IRR (the one asset of model MODEL under the same parent)")]
    [InlineData("${sibling.weather::IRR} * 2", "policies[0].triggerPoint", "the rule references only related assets' points, which trigger it only when named: name a triggerPoint (\"sibling.MODEL::POINT\" runs it for each relative on the related asset's records) or use the frequency trigger")]
    public void ShouldRefuseBadRelationsWithTheirPath(string expression, string path, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Merging.Point($$"""[{"output":"inverter::Y","expression":"{{expression}}"}]"""));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((path, message), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRunTheRuleOfEachChildOnTheParentsRecord_WhenTheTriggerNamesTheParent()
    {
        var driver = Merging.Point(
            """[{"output":"inverter::Share","expression":"${inverter::P} / ${parent.plant::P_TOTAL}","triggerPoint":"parent.plant::P_TOTAL"}]""",
            new DriverOptions { Assets = Hierarchy() });
        driver.Send("inverter::P", "INV01", 1_000, 100);
        driver.Send("inverter::P", "INV02", 1_000, 300);
        driver.Send("inverter::P", "INV03", 1_000, 300);      // its parent PLANT2 sends no plant::P_TOTAL
        driver.Send("plant::P_TOTAL", "PLANT1", 1_000, 400);  // both children of PLANT1
        driver.Send("site::P_TOTAL", "PLANT2", 1_000, 400);   // another model's point: no trigger

        Assert.Equal([("INV01", "Share", 1_000L, 0.25), ("INV02", "Share", 1_000L, 0.75)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldRefuseARelatedTriggerPointTheRuleDoesNotRead()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Merging.Point(
            """[{"output":"inverter::Y","expression":"${inverter::P} / ${sibling.weather::IRR}","triggerPoint":"sibling.weather::TEMP"}]"""));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("policies[0].triggerPoint", "'sibling.weather::TEMP' is a related asset's point the rule does not read: a relation trigger must be one of the rule's references (${sibling.weather::TEMP})"), (problem.Path, problem.Message));
    }

    [Fact]
    public void ShouldRunTheRuleOfEachRelativeWhenTheTriggerNamesTheRelation()
    {
        var driver = Merging.Point(
            """[{"output":"inverter::Specific","expression":"${inverter::P} / ${sibling.weather::IRR}","triggerPoint":"sibling.weather::IRR"}]""",
            new DriverOptions { Assets = Hierarchy() });
        driver.Send("weather::IRR", "WS1", 500, 0.4);     // no inverter has sent anything: nothing to run
        driver.Send("inverter::P", "INV01", 1_000, 100);  // not the trigger: cached
        driver.Send("inverter::P", "INV02", 1_000, 50);
        driver.Send("inverter::P", "INV03", 1_000, 70);   // under PLANT2, which has no station
        driver.Send("weather::IRR", "WS1", 1_100, 0.5);   // INV01: 100 / 0.5, INV02: 50 / 0.5, at the station's time
        driver.Send("inverter::P", "INV01", 1_200, 200);
        var restarted = driver.Restart();
        restarted.Send("weather::IRR", "WS1", 1_300, 0.25); // after a restart: the relatives are found again from the checkpoint
        restarted.Send("inverter::P", "INV04", 1_300, 1);   // unknown asset, no parent: linked to nothing

        Assert.Equal([("INV01", "Specific", 1_100L, 200.0), ("INV02", "Specific", 1_100L, 100.0)], Merging.Values(driver));
        Assert.Equal([("INV01", "Specific", 1_300L, 800.0), ("INV02", "Specific", 1_300L, 200.0)], Merging.Values(restarted));
        Assert.Equal(0, Merging.Counter(driver, "skipped.missingReference"));
    }
}
