using Calc.Sdk;

namespace Calc.Engine.Expressions.Tests;

/// <summary>
/// A run-time type error names where the failing reference (or sub-expression) is in the text, as
/// compile-time problems do (issue 10 item 7: a failing rule once gave no position).
/// </summary>
public class FailurePositionTests
{
    [Theory]
    [InlineData("1 + 2 * ${m::s}", "line 1, column 9: 'm::s' (in 1 + 2 * ${m::s}): expected a number, got the string \"abc\"")]
    [InlineData("[a] +\n  [s] * 2", "line 2, column 3: 's' (in [a] +\n  [s] * 2): expected a number, got the string \"abc\"")]
    [InlineData("if([s], 1, 2)", "line 1, column 4: 's' (in if([s], 1, 2)): expected a boolean, got the string \"abc\"")]
    [InlineData("round([a], 1) + abs([s])", "line 1, column 21: 's' (in round([a], 1) + abs([s])): expected a number, got the string \"abc\"")]
    public void ShouldNameTheLineAndColumnOfTheFailingReference(string text, string expected)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Formula.Evaluate(text, ("a", 1.0), ("s", "abc"), ("m::s", "abc")));

        Assert.Equal(expected, error.Message);
    }
}
