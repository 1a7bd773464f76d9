using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Calc.Engine.Expressions;
using Calc.Sdk;

namespace Calc.Benchmarks;

public class TmpExpressionVariants
{
    private readonly PointValue[] _values =
        [PointValue.FromNumber(1.5), PointValue.FromNumber(2.25), PointValue.FromNumber(3), PointValue.FromNumber(4)];
    private ICompiledExpression _compiled = null!;
    private Func<PointValue[], PointValue> _inner = null!;
    private Func<PointValue[], PointValue> _et = null!;
    private Func<PointValue[], PointValue> _lambda = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compiled = new NCalcExpressionCompiler().Compile("(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2", ExpressionLanguage.NCalc, "b", new ProblemList())!;
        _inner = (Func<PointValue[], PointValue>)typeof(Calc.Engine.Expressions.Internal.CompiledNCalcExpression).GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).First(f => f.FieldType == typeof(Func<PointValue[], PointValue>)).GetValue(_compiled)!;
        Expression<Func<PointValue[], PointValue>> et = x => PointValue.FromNumber((x[0].Number + x[1].Number) * x[2].Number - x[3].Number / 2);
        _et = et.Compile();
        _lambda = static v => PointValue.FromNumber((v[0].Number + v[1].Number) * v[2].Number - v[3].Number / 2);
    }

    [Benchmark] public PointValue Evaluate() => _compiled.Evaluate(_values);
    [Benchmark] public PointValue Inner() => _inner(_values);
    [Benchmark] public PointValue ExprTree() => _et(_values);
    [Benchmark] public PointValue Lambda() => _lambda(_values);
}
