using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

public class AllocationTests
{
    [Theory]
    [InlineData("(${m::a} + ${m::b}) * ${m::a} - ${m::b} / 2", 47.5)]
    [InlineData("(${m::a} + ${m::b}) * ${m::c} - ${m::d} / 2", double.NaN)]
    [InlineData("if(${m::a} > 1 and not isNull(${m::b}), round(sqrt(${m::b}), 2), coalesce(${m::c}, ${m::d}, 0))", 3)]
    [InlineData("clamp(max(${m::a}, ${m::b}, 0) ** 2 % 7, 0, 5) + ${m::c} / 0 ?? ${m::d} in (1, 2, 4)", 1)]
    public void ShouldNotAllocateWhenEvaluatingNumericFormulas(string text, double last)
    {
        var compiled = Formula.Compile(text);
        PointValue[] values = [PointValue.FromNumber(2), PointValue.FromNumber(9), PointValue.Null, PointValue.FromNumber(4)];
        for (var i = 0; i < 1_000; i++)
        {
            compiled.Evaluate(values);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            values[0] = PointValue.FromNumber(i % 5);
            compiled.Evaluate(values);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        // The last evaluation had a = 4, b = 9, c = null, d = 4 (NaN: the result is null).
        Assert.Equal(last, compiled.Evaluate(values).Number);
    }
}
