using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Engine.Scripting.Tests;

/// <summary>Scripts see the triggering record's time and asset as <c>Time</c>, <c>TimeMs</c> and <c>AssetId</c>.</summary>
public class ContextTests
{
    // 2018-01-01 13:30 UTC
    private const long Afternoon = 1514813400000;

    [Fact]
    public void ShouldSeeTheTimeAndAssetTheyAreEvaluatedFor()
    {
        var hour = Script.Compile("return Time.Hour * 100 + Time.Minute;");
        var ms = Script.Compile("return TimeMs / 1000;");
        var asset = Script.Compile("return AssetId + \"/\" + ${m::p};");
        var context = new EvaluationContext(Afternoon, "T7");

        Assert.Equal(1330, hour.Evaluate([], in context).Number);
        Assert.Equal(1514813400, ms.Evaluate([], in context).Number);
        Assert.Equal("T7/2", asset.Evaluate([PointValue.FromNumber(2)], in context).Text);
    }

    [Fact]
    public void ShouldSeeTheEpochAndNoAsset_WhenEvaluatedWithoutARecord()
    {
        Assert.Equal(1970, Script.Evaluate("return Time.Year;").Number);
        Assert.Equal("", Script.Evaluate("return AssetId;").Text);
    }

    [Fact]
    public void ShouldLetALocalNamedTimeShadowTheRecordsTime()
    {
        var compiled = Script.Compile("var Time = 5.0; return Time * 2;");

        Assert.Equal(10, compiled.Evaluate([], new EvaluationContext(Afternoon, "T1")).Number);
    }

    [Fact]
    public void ShouldGetTheTriggerRecordsTimeAndAsset_InAMultiPointMerge()
    {
        var options = new DriverOptions
        {
            Compiler = new Calc.Engine.Runtime.LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler> { [ExpressionLanguage.CSharpScript] = Script.Compiler }),
        };
        var factory = PluginFactories.Get(new Calc.Templates.Merging.MergingPlugin(), "multi-point-merging");
        var driver = new OperatorTestDriver(factory, """
            {"settings":{"trigger":"point"},"policies":[
              {"output":"turbine::NightPower","script":"return Time.Hour is >= 20 or < 6 ? ${turbine::ActivePower} : 0.0;"},
              {"output":"turbine::Tag","script":"return AssetId + \"@\" + TimeMs;","triggerPoint":"turbine::ActivePower"}]}
            """, options);

        driver.Send("turbine::ActivePower", "T1", Afternoon, 300);
        driver.Send("turbine::ActivePower", "T2", Afternoon + (9 * 3_600_000), 250);

        Assert.Equal([0.0, 250.0], driver.Outputs.Where(r => r.PointId == "NightPower").Select(r => r.Value.Number));
        Assert.Equal(["T1@1514813400000", "T2@1514845800000"], driver.Outputs.Where(r => r.PointId == "Tag").Select(r => r.Value.Text));
    }
}
