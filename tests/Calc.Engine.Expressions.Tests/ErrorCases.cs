namespace Calc.Engine.Expressions.Tests;

/// <summary>Wrong texts and the exact problems they give, positions included.</summary>
public sealed class ErrorCases : TheoryData<string, string[]>
{
    public ErrorCases()
    {
        Add("", ["line 1, column 1: the expression is empty"]);
        Add("   ", ["line 1, column 1: the expression is empty"]);
        Add("1 +", ["line 1, column 4: the expression ends where a value is expected"]);
        Add("1 + * 3", ["line 1, column 5: expected a value, found '*'"]);
        Add("max(1,,2)", ["line 1, column 7: expected a value, found ','"]);
        Add("(1 + 2", ["line 1, column 1: '(' is not closed"]);
        Add("1 + 2)", ["line 1, column 6: ')' has no matching '('"]);
        Add("1 2", ["line 1, column 3: expected an operator before '2'"]);
        Add("1..2", ["line 1, column 3: invalid token in expression"]);
        Add("'abc", ["line 1, column 1: the string started here is not closed (missing ')"]);
        Add("1 +\n\n  @", ["line 3, column 3: unexpected character '@'"]);
        Add("${m::a} + ${m::}", ["line 1, column 11: malformed reference '${m::}': expected model::point with both parts"]);
        Add("${a::b::c}", ["line 1, column 1: malformed reference '${a::b::c}': expected one '::' between model and point"]);
        Add("${m::a + 1", ["line 1, column 1: malformed reference: '${' has no closing '}'"]);
        Add("${} + [ ]", ["line 1, column 1: malformed reference '${}': the name is empty", "line 1, column 7: malformed reference '[ ]': the name is empty"]);
        Add("$x", ["line 1, column 1: '$' must start a reference written ${model::point}"]);
        Add("{a} + 1", ["line 1, column 1: malformed reference '{a}': write ${model::point} or [point]"]);
        Add("round(1, 2, 3)", ["line 1, column 1: function 'round' takes 1 or 2 arguments (round(x[, digits])), not 3"]);
        Add("1 +\n  sqrt()", ["line 2, column 3: function 'sqrt' takes 1 argument (sqrt(x)), not 0"]);
        Add("max(1)", ["line 1, column 1: function 'max' takes 2 or more arguments (max(a, b, ...)), not 1"]);
        Add("[a] ^ 2", ["line 1, column 5: '^' is bitwise XOR in NCalc and is not supported; for a power write x ** y or pow(x, y)"]);
        Add("1 & 2", ["line 1, column 3: bitwise operators (& | << >>) are not supported; use 'and' / 'or' for conditions"]);
        Add("3!", ["line 1, column 2: the factorial operator '!' is not supported ('!' before a value means not)"]);
        Add("'a' like 'b'", ["line 1, column 5: 'like' is not supported; compare strings with == or !="]);
        Add("x + 1", ["line 1, column 1: unknown name 'x': reference a point as ${model::point} or [point], write text in quotes ('text')"]);
        Add("'a' * 2", ["line 1, column 5: operator '*' needs a number, not a string"]);
        Add("'a' == 1", ["line 1, column 5: cannot compare a string with a number; compare with a number or with 'text' on both sides"]);
        Add("sqrt('x')", ["line 1, column 1: function 'sqrt' needs a number, not a string"]);
        Add("if('yes', 1, 2)", ["line 1, column 1: function 'if' needs a condition (true or false), not a string"]);
        Add("round(1.5, 16)", ["line 1, column 1: round: digits must be a whole number from 0 to 15"]);
        Add("round(1.5, -1)", ["line 1, column 1: round: digits must be a whole number from 0 to 15"]);
        Add("[a] in [b]", ["line 1, column 5: 'in' needs a list in parentheses: x in (1, 2, 3)"]);
        Add("clamp(1, 5, 2)", ["line 1, column 1: clamp: low must not be greater than high"]);
        Add("(1, 2)", ["line 1, column 2: a list (a, b, ...) is only allowed after 'in'"]);
    }
}
