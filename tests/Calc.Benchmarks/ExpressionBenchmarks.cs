using System.Globalization;
using BenchmarkDotNet.Attributes;
using Calc.Engine.Expressions;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// One 4-operator formula evaluated three ways: compiled by <see cref="NCalcExpressionCompiler"/>,
/// interpreted by NCalc (one parsed Expression reused, parameters set per call, as an engine would
/// per record), and written as a plain C# lambda (the ceiling).
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

    [GlobalSetup]
    public void Setup()
    {
        var problems = new ProblemList();
        _compiled = new NCalcExpressionCompiler().Compile(Formula, ExpressionLanguage.NCalc, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _ncalc = new NCalc.Expression(NCalcFormula, CultureInfo.InvariantCulture);
        _lambda = static v => PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2);
        var expected = _lambda(_values);
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

    [Benchmark(Description = "C# lambda")]
    public PointValue Lambda() => _lambda(_values);
}
