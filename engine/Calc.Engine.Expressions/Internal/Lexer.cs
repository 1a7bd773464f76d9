namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// Splits an expression into tokens with their positions and rewrites <c>${…}</c> references into
/// NCalc's bracket parameters without moving any character (<c>${m::a}</c> becomes <c> [m::a]</c>),
/// so that a position NCalc reports in the rewritten text is the same position in the original.
/// </summary>
internal sealed class Lexer
{
    private static readonly string[] TwoCharSymbols = ["**", "==", "!=", "<>", "<=", ">=", "<<", ">>", "&&", "||", "??"];
    private const string OneCharSymbols = "+-*/%<>=!~&|^(),?:";

    private readonly string _text;
    private readonly char[] _rewritten;
    private readonly List<Token> _tokens = [];
    private readonly List<PositionedProblem> _problems = [];
    private int _pos;

    private Lexer(string text)
    {
        _text = text;
        _rewritten = text.ToCharArray();
    }

    public IReadOnlyList<Token> Tokens => _tokens;

    public IReadOnlyList<PositionedProblem> Problems => _problems;

    /// <summary>The text NCalc parses: same length and line breaks as the original.</summary>
    public string Rewritten => new(_rewritten);

    public static Lexer Run(string text)
    {
        var lexer = new Lexer(text);
        lexer.Scan();
        return lexer;
    }

    private void Scan()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            {
                ScanNumber();
            }
            else if (c is '\'' or '"')
            {
                ScanString(c);
            }
            else if (c == '$')
            {
                ScanDollarReference();
            }
            else if (c == '[')
            {
                ScanBracketReference();
            }
            else if (c == '{')
            {
                ScanBraces();
            }
            else if (char.IsLetter(c) || c == '_')
            {
                ScanWord();
            }
            else
            {
                ScanSymbol(c);
            }
        }
    }

    private void ScanNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }

            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        Add(TokenKind.Number, start, _text[start.._pos]);
    }

    private void ScanString(char quote)
    {
        var start = _pos++;
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            _pos += _text[_pos] == '\\' ? 2 : 1;
        }

        if (_pos >= _text.Length)
        {
            _problems.Add(new(start, "the string started here is not closed (missing " + quote + ")"));
            _pos = _text.Length;
            return;
        }

        _pos++;
        Add(TokenKind.String, start, _text[start.._pos]);
    }

    private void ScanDollarReference()
    {
        var start = _pos;
        if (_pos + 1 >= _text.Length || _text[_pos + 1] != '{')
        {
            _problems.Add(new(start, "'$' must start a reference written ${model::point}"));
            _pos++;
            return;
        }

        var close = _text.IndexOf('}', _pos + 2);
        if (close < 0)
        {
            _problems.Add(new(start, "malformed reference: '${' has no closing '}'"));
            _pos = _text.Length;
            return;
        }

        if (AddReference(start, _pos + 2, close, "${", "}"))
        {
            _rewritten[start] = ' ';
            _rewritten[start + 1] = '[';
            _rewritten[close] = ']';
        }

        _pos = close + 1;
    }

    private void ScanBracketReference()
    {
        var start = _pos;
        var close = _text.IndexOf(']', _pos + 1);
        if (close < 0)
        {
            _problems.Add(new(start, "malformed reference: '[' has no closing ']'"));
            _pos = _text.Length;
            return;
        }

        AddReference(start, start + 1, close, "[", "]");
        _pos = close + 1;
    }

    private void ScanBraces()
    {
        var close = _text.IndexOf('}', _pos + 1);
        var end = close < 0 ? _text.Length : close + 1;
        _problems.Add(new(_pos, "malformed reference '" + _text[_pos..end] + "': write ${model::point} or [point]"));
        _pos = end;
    }

    private bool AddReference(int start, int innerStart, int close, string open, string end)
    {
        var inner = _text[innerStart..close];
        var written = open + inner + end;
        if (ReferenceName.Normalize(inner, out var name, out var why))
        {
            Add(TokenKind.Reference, start, name, close + 1 - start);
            return true;
        }

        _problems.Add(new(start, "malformed reference '" + written + "': " + why));
        return false;
    }

    private void ScanWord()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        Add(TokenKind.Name, start, _text[start.._pos]);
    }

    private void ScanSymbol(char c)
    {
        if (_pos + 1 < _text.Length)
        {
            var pair = _text.Substring(_pos, 2);
            if (Array.IndexOf(TwoCharSymbols, pair) >= 0)
            {
                Add(TokenKind.Symbol, _pos, pair);
                _pos += 2;
                return;
            }
        }

        if (OneCharSymbols.Contains(c, StringComparison.Ordinal))
        {
            Add(TokenKind.Symbol, _pos, c.ToString());
        }
        else
        {
            _problems.Add(new(_pos, "unexpected character '" + c + "'"));
        }

        _pos++;
    }

    private void Add(TokenKind kind, int start, string text, int length = -1) =>
        _tokens.Add(new Token(kind, start, length < 0 ? text.Length : length, text));
}
