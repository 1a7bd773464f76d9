namespace Calc.Engine.Expressions.Internal;

/// <summary>One token: where it is in the text and what it says.</summary>
/// <param name="Kind">Lexical class.</param>
/// <param name="Start">Offset of the first character in the original text.</param>
/// <param name="Length">Length in the original text.</param>
/// <param name="Text">The symbol or word as written; for references the normalized reference (<c>model::name</c> or <c>name</c>).</param>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, string Text)
{
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Name && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}
