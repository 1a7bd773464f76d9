using Calc.Sdk;

namespace Calc.Engine.Scripting.Tests;

public class SandboxTests
{
    [Theory]
    [ClassData(typeof(SandboxCases))]
    public void ShouldRefuseWithTheApiAndItsPosition(string text, string expected) =>
        Assert.Equal(expected, Script.Problems(text)[0]);

    [Fact]
    public void ShouldReportEveryRefusedApiAtOnce()
    {
        const string text = "var home = Environment.GetEnvironmentVariable(\"HOME\");\nvar data = System.IO.File.ReadAllText(home);\nreturn data.Length + y;";

        var problems = Script.Problems(text);

        Assert.Equal(
            [
                "line 1, column 12: System.Environment is not allowed in scripts (files, network, processes, reflection and threads are off limits)",
                "line 2, column 12: System.IO.File is not allowed in scripts (files, network, processes, reflection and threads are off limits)",
                "line 3, column 22: The name 'y' does not exist in the current context (CS0103)",
            ],
            problems);
    }

    [Fact]
    public void ShouldRefuseReflectionReachedThroughAnAllowedType() =>
        Assert.Equal(
            "line 1, column 9: System.Delegate is not allowed in scripts (files, network, processes, reflection and threads are off limits)",
            Script.Problems("var m = new Func<int>(() => 1).Method; return 1;")[0]);

    [Fact]
    public void ShouldAllowMathDatesCollectionsAndLinq()
    {
        const string text = """
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var days = (start.AddHours(${h}) - start).TotalDays;
            var lookup = new Dictionary<string, double> { ["a"] = Math.Sqrt(16), ["b"] = MathF.Abs(-2f) };
            var queue = new Queue<int>(Enumerable.Range(1, 3));
            return days + lookup.Values.Sum() + queue.Dequeue() + Convert.ToDouble("0.5", System.Globalization.CultureInfo.InvariantCulture);
            """;

        Assert.Equal(PointValue.FromNumber(9), Script.Evaluate(text, ("h", 36.0)));
    }

    [Fact]
    public void ShouldCatchAllowedExceptions() =>
        Assert.Equal(
            PointValue.FromNumber(-1),
            Script.Evaluate("try { return int.Parse(Text(${s})); } catch (FormatException) { return -1; }", ("s", "abc")));
}
