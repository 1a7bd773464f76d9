using Calc.Sdk;

namespace Calc.Templates.Merging.Tests;

/// <summary>SPEC §5.2, point trigger: the trigger's own value with the latest known value of every other reference.</summary>
public class PointTriggerTests
{
    private const string Sum = """[{"output":"m::S","expression":"${m::A} + ${m::B}"}]""";

    [Fact]
    public void ShouldCombineTheTriggerWithTheLatestValueOfTheOtherPoints()
    {
        var driver = Merging.Point(Sum);
        driver.Send("m::B", "a1", 1_000, 5);
        driver.Send("m::A", "a1", 2_000, 10);
        driver.Send("m::B", "a1", 3_000, 7);
        driver.Send("m::A", "a1", 4_000, 1);

        Assert.Equal([("a1", "S", 2_000L, 15.0), ("a1", "S", 4_000L, 8.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldSkipAndCount_WhenAReferenceWasNeverSeenForThatAsset()
    {
        var driver = Merging.Point(Sum);
        driver.Send("m::B", "a1", 1_000, 5);
        driver.Send("m::A", "a2", 2_000, 10);

        Assert.Empty(driver.Outputs);
        Assert.Equal(1, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldNotGoBackInTime_WhenALateRecordArrives()
    {
        var driver = Merging.Point(Sum);
        driver.Send("m::B", "a1", 10_000, 5);
        driver.Send("m::B", "a1", 5_000, 100);
        driver.Send("m::A", "a1", 11_000, 1);

        Assert.Equal([("a1", "S", 11_000L, 6.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldIgnoreBadQualityRecords_ForTheCacheAndAsTriggers()
    {
        var driver = Merging.Point(Sum);
        driver.Send("m::B", "a1", 1_000, 5);
        driver.Send("m::B", "a1", 2_000, 50, quality: 9);
        driver.Send("m::A", "a1", 3_000, 70, quality: 9);
        driver.Send("m::A", "a1", 4_000, 1);

        Assert.Equal([("a1", "S", 4_000L, 6.0)], Merging.Values(driver));
        Assert.Equal(2, Merging.Counter(driver, "filtered.quality"));
        Assert.Equal(2, driver.FilteredBy["filtered.quality"]);
    }

    [Fact]
    public void ShouldTriggerOnTheNamedPointOnly()
    {
        var driver = Merging.Point("""[{"output":"m::S","expression":"${m::A} + ${m::B}","triggerPoint":"m::B"}]""");
        driver.Send("m::A", "a1", 1_000, 5);
        driver.Send("m::B", "a1", 2_000, 10);
        driver.Send("m::A", "a1", 3_000, 6);

        Assert.Equal([("a1", "S", 2_000L, 15.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldTriggerOnEveryReferencedPoint_WhenTheTriggerIsAny()
    {
        var driver = Merging.Point("""[{"output":"m::S","expression":"${m::A} * ${m::B}","triggerPoint":"any"}]""");
        driver.Send("m::A", "a1", 1_000, 2);
        driver.Send("m::B", "a1", 2_000, 3);
        driver.Send("m::A", "a1", 3_000, 4);

        Assert.Equal([("a1", "S", 2_000L, 6.0), ("a1", "S", 3_000L, 12.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldTriggerOnAPointTheRuleDoesNotReference()
    {
        var driver = Merging.Point("""[{"output":"m::S","expression":"${m::A} * 2","triggerPoint":"m::Tick"}]""");
        driver.Send("m::A", "a1", 1_000, 21);
        driver.Send("m::Tick", "a1", 2_000, 0);

        Assert.Equal([("a1", "S", 2_000L, 42.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldMatchABareNameOnAnyModel()
    {
        var driver = Merging.Point("""[{"output":"m::S","expression":"[A] + ${m::B}","triggerPoint":"m::B"}]""");
        driver.Send("other::A", "a1", 1_000, 5);
        driver.Send("m::B", "a1", 2_000, 1);

        Assert.Equal([("a1", "S", 2_000L, 6.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldEvaluateEveryRuleATriggerStarts_InPolicyOrder()
    {
        var driver = Merging.Point("""
            [{"output":"m::D","expression":"${m::A} - ${m::B}"},
             {"output":"m::P","expression":"${m::A} * ${m::B}"},
             {"output":"m::Q","expression":"${m::B} / 2"}]
            """);
        driver.Send("m::B", "a1", 1_000, 4);
        driver.Send("m::A", "a1", 2_000, 10);

        Assert.Equal([("a1", "Q", 1_000L, 2.0), ("a1", "D", 2_000L, 6.0), ("a1", "P", 2_000L, 40.0)], Merging.Values(driver));
    }

    [Fact]
    public void ShouldReadAssetAttributes_WhenNoPointHasTheName()
    {
        var assets = new Calc.Engine.Runtime.AssetDirectory();
        assets.Set("a1", "ratedPower", PointValue.FromNumber(2000));
        var driver = Merging.Point("""[{"output":"m::Load","expression":"${m::P} / ${m::ratedPower}"}]""", new Calc.Sdk.Testing.DriverOptions { Assets = assets });
        driver.Send("m::P", "a1", 1_000, 500);
        driver.Send("m::P", "a2", 1_000, 500);

        Assert.Equal([("a1", "Load", 1_000L, 0.25)], Merging.Values(driver));
        Assert.Equal(1, Merging.Counter(driver, "skipped.missingReference"));
    }

    [Fact]
    public void ShouldKeepTheLatestValuesAcrossARestart()
    {
        var driver = Merging.Point(Sum);
        driver.Send("m::B", "a1", 1_000, 5);
        var restarted = driver.Restart();
        restarted.Send("m::A", "a1", 2_000, 10);

        Assert.Equal([("a1", "S", 2_000L, 15.0)], Merging.Values(restarted));
    }

    [Fact]
    public void ShouldStillWork_AfterMoreDistinctPointsThanItRemembers()
    {
        var driver = Merging.Point(Sum);
        for (var i = 0; i < 5_000; i++)
        {
            driver.Send("m::X" + i, "a1", 1_000 + i, i);
        }

        driver.Send("m::B", "a1", 10_000, 5);
        driver.Send("m::A", "a1", 11_000, 1);
        driver.Send("m::A", "a1", 12_000, 2);

        Assert.Equal([("a1", "S", 11_000L, 6.0), ("a1", "S", 12_000L, 7.0)], Merging.Values(driver));
    }
}
