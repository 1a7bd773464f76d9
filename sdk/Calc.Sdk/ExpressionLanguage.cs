namespace Calc.Sdk;

/// <summary>The language of a rule.</summary>
public enum ExpressionLanguage
{
    /// <summary>An NCalc expression.</summary>
    NCalc = 0,

    /// <summary>A C# method body that returns the value.</summary>
    CSharpScript,
}
