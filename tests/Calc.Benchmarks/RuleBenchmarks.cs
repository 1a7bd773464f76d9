using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Calc.Engine.Expressions;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// A rule with <c>if</c>, <c>min</c>, <c>max</c> and <c>abs</c>, evaluated by Calc's compiled delegate,
/// by DynamicExpresso's compiled delegate (the peer) and by a hand-written C# lambda over the same
/// <see cref="PointValue"/> array (the ceiling: dynamic PGO inlines it into the caller; the same code as a
/// method marked not to be inlined is the ceiling of any code compiled at run time, which cannot be inlined).
/// All give the same number (checked in setup).
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private const string Formula = "if(${m::p} > 0, min(max(${m::p} / ${m::v}, 0), 100), abs(${m::q}))";

    private readonly PointValue[] _values = [PointValue.FromNumber(412.5), PointValue.FromNumber(9.75), PointValue.FromNumber(-3.5)];

    private ICompiledExpression _compiled = null!;
    private Func<PointValue[], PointValue> _expresso = null!;
    private Func<PointValue[], PointValue> _lambda = null!;
    private readonly Func<PointValue[], PointValue> _method = Hand;

    [GlobalSetup]
    public void Setup()
    {
        var problems = new ProblemList();
        _compiled = new NCalcExpressionCompiler().Compile(Formula, ExpressionLanguage.NCalc, "benchmark", problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        _expresso = PeerExpressions.Compile(
            "PointValue.FromNumber(v[0].Number > 0 ? Math.Min(Math.Max(v[0].Number / v[1].Number, 0), 100) : Math.Abs(v[2].Number))");
        _lambda = static v => PointValue.FromNumber(
            v[0].Number > 0 ? Math.Min(Math.Max(v[0].Number / v[1].Number, 0), 100) : Math.Abs(v[2].Number));
        PeerExpressions.CheckEqual(_lambda(_values), _compiled.Evaluate(_values), _expresso(_values));
    }

    [Benchmark(Description = "Calc compiled delegate")]
    public PointValue Compiled() => _compiled.Evaluate(_values);

    [Benchmark(Description = "DynamicExpresso compiled delegate")]
    public PointValue Expresso() => _expresso(_values);

    [Benchmark(Baseline = true, Description = "C# lambda")]
    public PointValue Lambda() => _lambda(_values);

    [Benchmark(Description = "C# method, not inlined")]
    public PointValue Method() => _method(_values);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PointValue Hand(PointValue[] v) =>
        PointValue.FromNumber(v[0].Number > 0 ? Math.Min(Math.Max(v[0].Number / v[1].Number, 0), 100) : Math.Abs(v[2].Number));
}
