using BenchmarkDotNet.Attributes;
using Calc.Engine.Expressions;
using Calc.Engine.Scripting;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// The 4-operator formula of <see cref="ExpressionBenchmarks"/> as a C# script compiled by
/// <see cref="CSharpScriptCompiler"/>, as an NCalc expression compiled by
/// <see cref="NCalcExpressionCompiler"/>, and as a plain C# lambda (the ceiling); plus a script with
/// a loop, to show what the budget's step checks cost.
/// </summary>
[MemoryDiagnoser]
public class ScriptBenchmarks
{
    private const string Formula = "(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2";
    private const string Loop = "var s = 0.0; for (var i = 0; i < 10; i++) { s += ${m::a} * i; } return s;";

    private readonly PointValue[] _values =
        [PointValue.FromNumber(1.5), PointValue.FromNumber(2.25), PointValue.FromNumber(3), PointValue.FromNumber(4)];

    private CSharpScriptCompiler _scripts = null!;
    private ICompiledExpression _script = null!;
    private ICompiledExpression _loop = null!;
    private ICompiledExpression _ncalc = null!;
    private Func<PointValue[], PointValue> _lambda = null!;

    [GlobalSetup]
    public void Setup()
    {
        var problems = new ProblemList();
        _scripts = new CSharpScriptCompiler();
        _script = _scripts.Compile("return " + Formula + ";", ExpressionLanguage.CSharpScript, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _loop = _scripts.Compile(Loop, ExpressionLanguage.CSharpScript, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _ncalc = new NCalcExpressionCompiler().Compile(Formula, ExpressionLanguage.NCalc, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _lambda = static v => PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2);
        var expected = _lambda(_values);
        if (_script.Evaluate(_values) != expected || _ncalc.Evaluate(_values) != expected || _loop.Evaluate(_values) != PointValue.FromNumber(67.5))
        {
            throw new InvalidOperationException("the ways disagree");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _scripts.Dispose();

    [Benchmark(Baseline = true, Description = "C# script (compiled)")]
    public PointValue Script() => _script.Evaluate(_values);

    [Benchmark(Description = "NCalc expression (compiled)")]
    public PointValue NCalc() => _ncalc.Evaluate(_values);

    [Benchmark(Description = "C# lambda")]
    public PointValue Lambda() => _lambda(_values);

    [Benchmark(Description = "C# script, 10-iteration loop")]
    public PointValue ScriptLoop() => _loop.Evaluate(_values);
}
