using NCalc;

namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// Walks the tokens as an operand/operator automaton. It classifies every token (function, name,
/// unary or binary operator) for <see cref="SyntaxInfo"/>, and finds the position of a syntax error,
/// which NCalc's parser does not always give.
/// </summary>
internal sealed class SyntaxChecker
{
    private readonly IReadOnlyList<Token> _tokens;
    private readonly int _end;
    private readonly SyntaxInfo _info = new();
    private readonly Stack<(char Kind, Token Open)> _open = new();
    private int _questions;
    private bool _expectOperand = true;
    private bool _justOpenedCall;

    private SyntaxChecker(IReadOnlyList<Token> tokens, int end)
    {
        _tokens = tokens;
        _end = end;
    }

    public static SyntaxInfo Run(IReadOnlyList<Token> tokens, int textLength)
    {
        var checker = new SyntaxChecker(tokens, textLength);
        checker.Walk();
        return checker._info;
    }

    private void Walk()
    {
        for (var i = 0; i < _tokens.Count; i++)
        {
            var opened = _justOpenedCall;
            _justOpenedCall = false;
            i = _expectOperand ? Operand(i, opened) : Operator(i);
        }

        if (_tokens.Count == 0)
        {
            Fail(0, "the expression is empty");
        }
        else if (_expectOperand)
        {
            Fail(_end, "the expression ends where a value is expected");
        }

        if (_open.Count > 0)
        {
            Fail(_open.Peek().Open.Start, "'(' is not closed");
        }

        if (_questions > 0)
        {
            Fail(_end, "'?' has no matching ':'");
        }
    }

    /// <summary>Handles token <paramref name="i"/> where a value must start; returns the last index consumed.</summary>
    private int Operand(int i, bool afterCallOpen)
    {
        var token = _tokens[i];
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                _info.Literals.Add(token);
                _expectOperand = false;
                return i;
            case TokenKind.Reference:
                _info.Identifiers.Add(token);
                _expectOperand = false;
                return i;
            case TokenKind.Name:
                return OperandWord(i, token);
            default:
                return OperandSymbol(i, token, afterCallOpen);
        }
    }

    private int OperandWord(int i, Token token)
    {
        var word = token.Text.ToLowerInvariant();
        switch (word)
        {
            case "true" or "false":
                _info.Literals.Add(token);
                _expectOperand = false;
                return i;
            case "not":
                _info.UnaryOperators.Add((UnaryExpressionType.Not, token));
                return i;
            case "and" or "or" or "in" or "like":
                Fail(token.Start, "expected a value, found '" + token.Text + "'");
                return i;
        }

        if (i + 1 < _tokens.Count && _tokens[i + 1].IsSymbol("("))
        {
            _info.Functions.Add(token);
            _open.Push(('c', _tokens[i + 1]));
            _justOpenedCall = true;
            return i + 1;
        }

        _info.Identifiers.Add(token);
        _expectOperand = false;
        return i;
    }

    private int OperandSymbol(int i, Token token, bool afterCallOpen)
    {
        switch (token.Text)
        {
            case "(":
                _open.Push(('g', token));
                break;
            case "-" or "+":
                break;
            case "!":
                _info.UnaryOperators.Add((UnaryExpressionType.Not, token));
                break;
            case "~":
                _info.UnaryOperators.Add((UnaryExpressionType.BitwiseNot, token));
                break;
            case ")" when afterCallOpen:
                _open.Pop();
                _expectOperand = false;
                break;
            default:
                Fail(token.Start, "expected a value, found '" + token.Text + "'");
                break;
        }

        return i;
    }

    /// <summary>Handles token <paramref name="i"/> where an operator (or the end) must come.</summary>
    private int Operator(int i)
    {
        var token = _tokens[i];
        if (token.Kind == TokenKind.Name)
        {
            return OperatorWord(i, token);
        }

        if (token.Kind != TokenKind.Symbol)
        {
            Fail(token.Start, "expected an operator before '" + token.Text + "'");
            return i;
        }

        if (OperatorTable.TryGetBinary(token.Text, out var type))
        {
            _info.BinaryOperators.Add((type, token));
            _expectOperand = true;
            return i;
        }

        switch (token.Text)
        {
            case "!":
                _info.UnaryOperators.Add((UnaryExpressionType.Factorial, token));
                break;
            case ")":
                Close(token);
                break;
            case ",":
                Comma(token);
                break;
            case "?":
                _questions++;
                _expectOperand = true;
                break;
            case ":":
                Colon(token);
                break;
            default:
                Fail(token.Start, "expected an operator before '" + token.Text + "'");
                break;
        }

        return i;
    }

    private int OperatorWord(int i, Token token)
    {
        var word = token.Text.ToLowerInvariant();
        var next = i + 1 < _tokens.Count ? _tokens[i + 1] : default;
        BinaryExpressionType type;
        switch (word)
        {
            case "and":
                type = BinaryExpressionType.And;
                break;
            case "or":
                type = BinaryExpressionType.Or;
                break;
            case "like":
                type = BinaryExpressionType.Like;
                break;
            case "in":
                type = BinaryExpressionType.In;
                break;
            case "not" when next.IsWord("in") || next.IsWord("like"):
                type = next.IsWord("in") ? BinaryExpressionType.NotIn : BinaryExpressionType.NotLike;
                i++;
                break;
            default:
                Fail(token.Start, "expected an operator before '" + token.Text + "'");
                return i;
        }

        _info.BinaryOperators.Add((type, token));
        _expectOperand = true;
        if (type is BinaryExpressionType.In or BinaryExpressionType.NotIn && i + 1 < _tokens.Count && _tokens[i + 1].IsSymbol("("))
        {
            _open.Push(('l', _tokens[i + 1]));
            i++;
        }

        return i;
    }

    private void Close(Token token)
    {
        if (_open.Count == 0)
        {
            Fail(token.Start, "')' has no matching '('");
            return;
        }

        _open.Pop();
    }

    private void Comma(Token token)
    {
        if (_open.Count == 0 || _open.Peek().Kind == 'g')
        {
            Fail(token.Start, "',' is only allowed between the arguments of a function");
        }

        _expectOperand = true;
    }

    private void Colon(Token token)
    {
        if (_questions == 0)
        {
            Fail(token.Start, "':' has no matching '?'");
        }
        else
        {
            _questions--;
        }

        _expectOperand = true;
    }

    private void Fail(int offset, string message) => _info.Error ??= new PositionedProblem(offset, message);
}
