namespace Calc.Engine.Scripting.Tests;

/// <summary>Scripts that do not compile, and every problem each gives, positioned in the text as written.</summary>
public sealed class ErrorCases : TheoryData<string, string[]>
{
    public ErrorCases()
    {
        Add("", ["line 1, column 1: the script is empty"]);
        Add("var x = 1;\nreturn x +;", ["line 2, column 11: Invalid expression term ';' (CS1525)"]);
        Add("var s = \"a\";\n  return s * 2;", ["line 2, column 10: Operator '*' cannot be applied to operands of type 'string' and 'int' (CS0019)"]);
        Add("var tp = ${turbine::TheoreticalPower};\nreturn tp > 0 ? (tp - ${turbine::ActivePower) / tp : 0.0;",
            ["line 2, column 23: malformed reference: '${' has no closing '}'"]);
        Add("return ${m::} + 1;", ["line 1, column 8: malformed reference '${m::}': expected model::point with both parts"]);
        Add("string s = ${m::a};\nreturn s;", ["line 1, column 12: Cannot implicitly convert type 'double' to 'string' (CS0029)"]);
        Add("return ${m::a}.Foo;", ["line 1, column 16: 'double' does not contain a definition for 'Foo' and no accessible extension method 'Foo' accepting a first argument of type 'double' could be found (are you missing a using directive or an assembly reference?) (CS1061)"]);
        Add("var x = 1;", ["line 1, column 11: not every path of the script returns a value: end it with a return statement"]);
        Add("if (${a} > 0)\n    return;\nreturn 1;", ["line 2, column 5: return needs a value: a number, a boolean or a string"]);
        Add("return DateTime.UnixEpoch;", ["line 1, column 8: a script returns a number, a boolean or a string, not System.DateTime"]);
        Add("return new List<double>();", ["line 1, column 8: a script returns a number, a boolean or a string, not System.Collections.Generic.List<double>"]);
        Add("var grid = new double[2, (int)${n}];\nreturn grid.Length;", ["line 1, column 12: multi-dimensional arrays are not supported in scripts: use an array of arrays (double[][]) or a List"]);
        Add("return Text(5.0);", ["line 1, column 8: Text(…) takes one reference, as in Text(${model::point})"]);
        Add("Func<double, bool> f = IsNull; return 1;", ["line 1, column 24: IsNull(…) takes one reference, as in IsNull(${model::point})"]);
        Add("var a = y;\nvar b = \"x\" - 1;\nreturn a + b + z;",
        [
            "line 1, column 9: The name 'y' does not exist in the current context (CS0103)",
            "line 2, column 9: Operator '-' cannot be applied to operands of type 'string' and 'int' (CS0019)",
            "line 3, column 16: The name 'z' does not exist in the current context (CS0103)",
        ]);
    }
}
