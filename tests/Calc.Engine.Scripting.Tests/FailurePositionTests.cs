using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

/// <summary>
/// A run-time failure names the line and column of the user's statement that was running, although
/// the budget checks the compiler inserts move the emitted code's lines (issue 10 item 7).
/// </summary>
public class FailurePositionTests
{
    private const string OutOfRange = "script failed: Index was outside the bounds of the array. (IndexOutOfRangeException)";

    [Theory]
    // Line 3 is indented by 4: the statement starts at column 5; the loop before it gets a budget check.
    [InlineData("var a = new double[2];\nfor (var i = 0; i < 2; i++) { a[i] = i; }\n    return a[(int)${p}];", "line 3, column 5: " + OutOfRange)]
    // An embedded statement (no braces) inside a loop body.
    [InlineData("var a = new double[2];\nvar s = 0.0;\nfor (var i = 0; i < 3; i++)\n  if (i >= 0)\n    s += a[i + (int)${p} - 5];\nreturn s;", "line 5, column 5: " + OutOfRange)]
    // Inside a lambda run by LINQ: the lambda's own statement.
    [InlineData("var a = new double[2];\nreturn Enumerable.Range(0, 3).Select(i =>\n{\n   var x = a[i];\n   return x;\n}).Sum();", "line 4, column 4: " + OutOfRange)]
    // Thrown inside a library call: the statement that made the call.
    [InlineData("var xs = new List<double>();\nvar n = xs.Count;\n var f = xs.First();\nreturn f;", "line 3, column 2: script failed: Sequence contains no elements (InvalidOperationException)")]
    // An expression-bodied lambda: the statement that ran it.
    [InlineData("var a = new double[2];\nvar q = Enumerable.Range(0, 3).Select(i => a[i]);\nvar n = 1;\nreturn q.Sum() + n;", "line 4, column 1: " + OutOfRange)]
    // A switch section.
    [InlineData("var a = new double[1];\nswitch ((int)${p})\n{\n  case 5:\n      return a[5];\n  default:\n      return 0;\n}", "line 5, column 7: " + OutOfRange)]
    // A script that is one expression: where the expression starts.
    [InlineData("  (new double[1])[(int)${p}] + 1", "line 1, column 3: " + OutOfRange)]
    public void ShouldNameTheLineAndColumnOfTheFailingStatement(string text, string expected)
    {
        var compiled = Script.Compile(text);

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(5)]));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void ShouldNameTheSamePositionEveryTimeAndStillComputeWhenNothingFails()
    {
        var compiled = Script.Compile("var a = new double[2];\na[1] = 40;\nreturn a[(int)${p}] + 2;");

        var first = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(7)]));
        Assert.Equal(PointValue.FromNumber(42), compiled.Evaluate([PointValue.FromNumber(1)]));
        var second = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([PointValue.FromNumber(-1)]));

        Assert.Equal("line 3, column 1: " + OutOfRange, first.Message);
        Assert.Equal(first.Message, second.Message);
    }

    [Fact]
    public void ShouldGiveNoPositionWhenTheBudgetRunsOut()
    {
        var compiled = Script.Compile("var n = 0.0;\nwhile (true) { n++; }\nreturn n;");

        var e = Assert.Throws<ExpressionEvaluationException>(() => compiled.Evaluate([]));

        Assert.Equal("script exceeded its budget of 1000000 steps", e.Message);
    }
}
