namespace Calc.Sdk;

/// <summary>Whether an operator is configured like a template or like a pipeline step.</summary>
public enum OperatorKind
{
    /// <summary>A template: <c>settings</c> plus a list of <c>policies</c>.</summary>
    Template = 0,

    /// <summary>A pipeline operator: one <c>params</c> object.</summary>
    Operator,
}
