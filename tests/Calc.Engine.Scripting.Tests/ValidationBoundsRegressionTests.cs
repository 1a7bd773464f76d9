
namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// Validation itself must be bounded: 10,000 nested parentheses overflowed the compiler's stack (killing
/// <c>calc check</c> and <c>calc serve</c>), and six nested lambdas took over two minutes to compile.
/// </summary>
public sealed class ValidationBoundsRegressionTests
{
    [Fact]
    public void ShouldRefuseTenThousandNestedParenthesesQuickly()
    {
        var text = "return " + new string('(', 10_000) + "${m::x}" + new string(')', 10_000) + ";";

        var problems = Script.Problems(text);

        Assert.Equal(["line 1, column 72: brackets nest more than 64 deep; split the expression into variables"], problems);
    }

    [Fact]
    public void ShouldRefuseSixNestedLambdasWithoutCompilingThem()
    {
        var text = "return new[]{1.0}.Sum(v0 => new[]{v0}.Sum(v1 => new[]{v1}.Sum(v2 => new[]{v2}.Sum(v3 => new[]{v3}.Sum(v4 => new[]{v4}.Sum(v5 => v5 + ${m::x})))))));";

        var problems = Script.Problems(text);

        Assert.Equal(["line 1, column 83: lambdas nest 4 deep; at most 3 are compiled (their overload resolution grows exponentially): use a local function or a loop"], problems);
    }

    [Fact]
    public void ShouldStillCompileThreeNestedLambdasAndDeepButBoundedBrackets()
    {
        // (1 + 1) + (2 + 1)
        Assert.Equal(5.0, Script.Evaluate("return new[]{1.0, 2.0}.Sum(a => new[]{a}.Sum(b => new[]{b}.Sum(c => c + ${x})));", ("x", 1.0)).Number);
        Assert.Equal(3.0, Script.Evaluate("return " + new string('(', 60) + "${x} + 2" + new string(')', 60) + ";", ("x", 1.0)).Number);
    }

    [Fact]
    public void ShouldRefuseASourceLongerThanTheLimit()
    {
        var problems = Script.Problems("return 1;" + new string(' ', CSharpScriptOptions.DefaultMaxSourceLength));

        Assert.Equal(["line 1, column 1: the script is 20009 characters long; at most 20000 are compiled"], problems);
    }
}
