using System.Globalization;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Calc.Engine.Expressions;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// One 4-operator formula evaluated four ways: compiled by <see cref="NCalcExpressionCompiler"/>,
/// interpreted by NCalc (one parsed Expression reused, parameters set per call, as an engine would
/// per record), compiled by DynamicExpresso (the peer), and written as a plain C# lambda (the ceiling).
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private const string Formula = "(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2";
    private const string NCalcFormula = "([a] + [b]) * [c] - [d] / 2";

    private readonly PointValue[] _values =
        [PointValue.FromNumber(1.5), PointValue.FromNumber(2.25), PointValue.FromNumber(3), PointValue.FromNumber(4)];

    private ICompiledExpression _compiled = null!;
    private NCalc.Expression _ncalc = null!;
    private Func<PointValue[], PointValue> _lambda = null!;
    private readonly Func<PointValue[], PointValue> _method = Hand;
    private Func<PointValue[], PointValue> _expresso = null!;

    [GlobalSetup]
    public void Setup()
    {
        var problems = new ProblemList();
        _compiled = new NCalcExpressionCompiler().Compile(Formula, ExpressionLanguage.NCalc, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _ncalc = new NCalc.Expression(NCalcFormula, CultureInfo.InvariantCulture);
        _lambda = static v => PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2);
        _expresso = PeerExpressions.Compile("PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2)");
        var expected = _lambda(_values);
        PeerExpressions.CheckEqual(expected, _compiled.Evaluate(_values), _expresso(_values));
        if (_compiled.Evaluate(_values) != expected || Convert.ToDouble(NCalcEvaluate(), CultureInfo.InvariantCulture) != expected.Number)
        {
            throw new InvalidOperationException("the three ways disagree");
        }
    }

    [Benchmark(Description = "Calc compiled delegate")]
    public PointValue Compiled() => _compiled.Evaluate(_values);

    [Benchmark(Baseline = true, Description = "NCalc Evaluate() (reused Expression)")]
    public object? NCalcEvaluate()
    {
        var parameters = _ncalc.Parameters;
        parameters["a"] = _values[0].Number;
        parameters["b"] = _values[1].Number;
        parameters["c"] = _values[2].Number;
        parameters["d"] = _values[3].Number;
        return _ncalc.Evaluate();
    }

    [Benchmark(Description = "DynamicExpresso compiled delegate")]
    public PointValue Expresso() => _expresso(_values);

    [Benchmark(Description = "C# lambda")]
    public PointValue Lambda() => _lambda(_values);

    [Benchmark(Description = "C# method, not inlined")]
    public PointValue Method() => _method(_values);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PointValue Hand(PointValue[] v) => PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2);
}
