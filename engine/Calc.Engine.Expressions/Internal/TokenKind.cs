namespace Calc.Engine.Expressions.Internal;

/// <summary>The lexical class of a token of an NCalc expression.</summary>
internal enum TokenKind
{
    Number,
    String,

    /// <summary><c>${model::name}</c>, <c>${name}</c> or <c>[name]</c>.</summary>
    Reference,

    /// <summary>A bare word: keyword, function name or unknown name.</summary>
    Name,

    /// <summary>An operator or punctuation.</summary>
    Symbol,
}
