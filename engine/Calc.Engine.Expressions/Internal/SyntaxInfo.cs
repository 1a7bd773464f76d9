using NCalc;

namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// What the token walk learned, in source order. NCalc's tree has no positions; walking the tree in
/// source order meets functions, names and binary operators in the same order as these lists, so the
/// n-th one met in the tree is the n-th one here.
/// </summary>
internal sealed class SyntaxInfo
{
    public List<Token> Functions { get; } = [];

    /// <summary>References and bare names, as NCalc will report them as identifiers.</summary>
    public List<Token> Identifiers { get; } = [];

    public List<(BinaryExpressionType Type, Token Token)> BinaryOperators { get; } = [];

    /// <summary>Not, bitwise not and factorial (NCalc folds some negations into literals, so those are not tracked).</summary>
    public List<(UnaryExpressionType Type, Token Token)> UnaryOperators { get; } = [];

    /// <summary>Numbers, strings, <c>true</c> and <c>false</c>.</summary>
    public List<Token> Literals { get; } = [];

    /// <summary>The first structural error found, if any.</summary>
    public PositionedProblem? Error { get; set; }
}
