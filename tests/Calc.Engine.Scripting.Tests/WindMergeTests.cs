using System.Text;
using Calc.Engine.Expressions;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Engine.Scripting.Tests;

/// <summary>A multi-point merge written as C# scripts gives what its NCalc twin gives on the real wind data.</summary>
public class WindMergeTests
{
    private const string NCalcPolicies = """
        [
          {"output": "turbine::PowerLoss", "expression": "if(${turbine::TheoreticalPower} > 0, (${turbine::TheoreticalPower} - ${turbine::ActivePower}) / ${turbine::TheoreticalPower}, 0)"},
          {"output": "turbine::PowerRatio", "expression": "${turbine::ActivePower} / ${turbine::TheoreticalPower}", "triggerPoint": "turbine::TheoreticalPower"}
        ]
        """;

    private const string ScriptPolicies = """
        [
          {"output": "turbine::PowerLoss", "script": "var tp = ${turbine::TheoreticalPower};\nreturn tp > 0 ? (tp - ${turbine::ActivePower}) / tp : 0.0;"},
          {"output": "turbine::PowerRatio", "script": "return ${turbine::ActivePower} / ${turbine::TheoreticalPower};", "triggerPoint": "turbine::TheoreticalPower"}
        ]
        """;

    [Fact]
    public void ShouldGiveTheSameOutputsAsTheNCalcTwinOnRealWindData()
    {
        using var scripts = new CSharpScriptCompiler();
        var options = new DriverOptions
        {
            Compiler = new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>
            {
                [ExpressionLanguage.NCalc] = new NCalcExpressionCompiler(),
                [ExpressionLanguage.CSharpScript] = scripts,
            }),
        };
        var records = Read("wind-3days.ndjson");

        var ncalc = Run(NCalcPolicies, options, records);
        var script = Run(ScriptPolicies, options, records);

        var theoretical = records.Where(r => r.PointId == "TheoreticalPower").ToList();
        var loss = script.Outputs.Where(r => r.PointId == "PowerLoss").ToList();
        var ratio = script.Outputs.Where(r => r.PointId == "PowerRatio").ToList();
        Assert.Equal(433, theoretical.Count);
        Assert.Equal(theoretical.Count, loss.Count);
        Assert.Equal(theoretical.Count(r => r.Value.Number > 0), ratio.Count);
        Assert.Equal(ncalc.Outputs, script.Outputs);
        Assert.Equal(ncalc.Counters, script.Counters);

        // 2018-01-01 00:00: ActivePower 380.0477905, TheoreticalPower 416.3289078.
        Assert.Equal(1514764800000, loss[0].Time);
        Assert.Equal("T1", loss[0].AssetId);
        Assert.Equal(0.0871453, loss[0].Value.Number, 7);
        Assert.Equal(0.9128547, ratio[0].Value.Number, 7);
        Assert.Contains(loss, r => r.Value.Number == 0);
    }

    private static OperatorTestDriver Run(string policies, DriverOptions options, IReadOnlyList<PointRecord> records)
    {
        var factory = PluginFactories.Get(new Calc.Templates.Merging.MergingPlugin(), "multi-point-merging");
        var driver = new OperatorTestDriver(factory, "{\"settings\":{\"trigger\":\"point\"},\"policies\":" + policies + "}", options);
        foreach (var record in records)
        {
            driver.Send(record);
        }

        driver.EndOfInput();
        return driver;
    }

    private static List<PointRecord> Read(string name)
    {
        var reader = new PointJsonReader();
        var records = new List<PointRecord>();
        foreach (var line in File.ReadLines(Path.Combine(FixturesDirectory(), name)))
        {
            var result = reader.TryRead(Encoding.UTF8.GetBytes(line), out var record);
            Assert.True(result.Ok, result.Reason);
            records.Add(record);
        }

        return records;
    }

    private static string FixturesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }
}
