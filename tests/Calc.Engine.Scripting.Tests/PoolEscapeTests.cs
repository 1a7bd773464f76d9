using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// Escape 6 of the adversarial test: a script that copied a <c>DefaultInterpolatedStringHandler</c> and finished
/// both copies returned one array-pool buffer twice, and an innocent interpolated string in another step then gave
/// <c>"inner-3000 [inner-3000] end"</c> instead of <c>"outer 3000 [inner-3000] end"</c>. Naming a handler (or a
/// pool) is refused when the job is checked; interpolated strings, which use the handler without a copy, still work.
/// </summary>
public class PoolEscapeTests
{
    private const string Handlers = " is not allowed in scripts (interpolated string handlers rent buffers from the process's shared array pool, "
        + "and a copy finished twice corrupts other scripts' strings: write an interpolated string $\"…\" instead)";

    private const string OffLimits = " is not allowed in scripts (files, network, processes, reflection and threads are off limits)";

    private const string Repro = """
        var h = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(6, 1);
        h.AppendLiteral("inner-");
        h.AppendFormatted(3000);
        var copy = h;
        copy.ToStringAndClear();
        return h.ToStringAndClear() + ${m::x};
        """;

    [Fact]
    public void ShouldRefuseTheIssuesCopiedHandler_AtEachLineThatNamesIt()
    {
        var problems = Script.Problems(Repro);

        Assert.Equal("line 1, column 9: System.Runtime.CompilerServices.DefaultInterpolatedStringHandler" + Handlers, problems[0]);
        Assert.Equal(6, problems.Length);
        Assert.All(problems, p => Assert.EndsWith("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler" + Handlers, p));
    }

    [Theory]
    [InlineData("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler h = default; return 1;", "line 1, column 1: System.Runtime.CompilerServices.DefaultInterpolatedStringHandler" + Handlers)]
    [InlineData("Func<System.Runtime.CompilerServices.DefaultInterpolatedStringHandler, string> f = h => h.ToStringAndClear(); return f($\"{${x}}\");", "line 1, column 1: System.Runtime.CompilerServices.DefaultInterpolatedStringHandler" + Handlers)]
    [InlineData("var b = new StringBuilder(); var h = new StringBuilder.AppendInterpolatedStringHandler(0, 0, b); return 1;", "line 1, column 38: System.Text.StringBuilder.AppendInterpolatedStringHandler" + Handlers)]
    [InlineData("var a = System.Buffers.ArrayPool<char>.Shared.Rent(16); return a.Length;", "line 1, column 9: System.Buffers.ArrayPool" + OffLimits)]
    public void ShouldRefuseNamingAHandlerOrAPool(string text, string expected) =>
        Assert.Equal(expected, Script.Problems(text)[0]);

    [Fact]
    public void ShouldNotEvenReachMemoryPool_WhoseAssemblyScriptsAreNotCompiledAgainst() =>
        Assert.Equal(
            "line 1, column 9: The type or namespace name 'MemoryPool' does not exist in the namespace 'System.Buffers' (are you missing an assembly reference?) (CS0234)",
            Script.Problems("var o = System.Buffers.MemoryPool<char>.Shared.Rent(16); return 1;")[0]);

    [Fact]
    public void ShouldStillFormatInterpolatedStrings_WhichUseTheHandlerImplicitly()
    {
        const string text = """
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var n = (int)${m::x};
            var inner = string.Create(inv, $"inner-{n}");
            var b = new StringBuilder();
            b.Append(inv, $"{${m::p}:F1} kW");
            return string.Create(inv, $"outer {n} [{inner}] end ") + b.ToString();
            """;

        var value = Script.Evaluate(text, ("m::x", 3000.0), ("m::p", 1234.56));

        Assert.Equal(PointValue.FromString("outer 3000 [inner-3000] end 1234.6 kW"), value);
    }

    [Fact]
    public void ShouldStillFormatAPlainInterpolatedString() =>
        Assert.Equal(PointValue.FromString("7 kW of 12"), Script.Evaluate("return $\"{(int)${m::x}} kW of {12}\";", ("m::x", 7.0)));
}
