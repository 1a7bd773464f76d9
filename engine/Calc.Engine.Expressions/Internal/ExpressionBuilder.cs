using System.Globalization;
using Calc.Sdk;
using NCalc;
using NCalc.Visitors;
using LinqExpression = System.Linq.Expressions.Expression;
using ParameterExpression = System.Linq.Expressions.ParameterExpression;

namespace Calc.Engine.Expressions.Internal;

/// <summary>
/// Walks NCalc's parsed tree in source order and builds a LINQ expression over
/// <c>PointValue[]</c>. Types are decided here, once: a formula on numbers compiles to plain double
/// arithmetic. Every problem found is reported; the walk goes on after one.
/// </summary>
internal sealed partial class ExpressionBuilder : ILogicalExpressionVisitor<Typed>
{
    private readonly string _text;
    private readonly SyntaxInfo _syntax;
    private readonly IReadOnlyDictionary<string, int> _references;
    private readonly List<PositionedProblem> _problems = [];
    private int _nextFunction;
    private int _nextIdentifier;
    private int _nextBinary;
    private int _nextUnary;
    private int _nextLiteral;

    public ExpressionBuilder(string text, SyntaxInfo syntax, IReadOnlyDictionary<string, int> references)
    {
        _text = text;
        _syntax = syntax;
        _references = references;
    }

    public ParameterExpression Values { get; } = LinqExpression.Parameter(typeof(PointValue[]), "values");

    public IReadOnlyList<PositionedProblem> Problems => _problems;

    /// <summary>The body of the lambda: the root converted to a <see cref="PointValue"/>.</summary>
    public LinqExpression Build(LogicalExpression root) => AsValue(root.Accept(this));

    public Typed Visit(Identifier identifier)
    {
        var token = Next(_syntax.Identifiers, ref _nextIdentifier, t => SameName(t.Text, identifier.Name));
        if (token is { Kind: TokenKind.Reference } reference && _references.TryGetValue(reference.Text, out var index))
        {
            var read = LinqExpression.ArrayIndex(Values, LinqExpression.Constant(index));
            return new Typed(StaticType.Value, read, reference.Start, reference.Text);
        }

        var offset = token?.Start ?? 0;
        if (string.Equals(identifier.Name, "null", StringComparison.OrdinalIgnoreCase))
        {
            return new Typed(StaticType.Null, NaN, offset);
        }

        Report(offset, "unknown name '" + identifier.Name.Trim() + "': reference a point as ${model::point} or [point], write text in quotes ('text')");
        return new Typed(StaticType.Null, NaN, offset);
    }

    public Typed Visit(ValueExpression expression)
    {
        var offset = Next(_syntax.Literals, ref _nextLiteral, static _ => true)?.Start ?? 0;
        switch (expression.Type)
        {
            case NCalc.ValueType.Boolean:
                return new Typed(StaticType.Boolean, LinqExpression.Constant((bool)expression.Value! ? 1.0 : 0.0), offset);
            case NCalc.ValueType.Integer or NCalc.ValueType.Float:
                var number = Convert.ToDouble(expression.Value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    Report(offset, "the number is out of range");
                }

                return new Typed(StaticType.Number, LinqExpression.Constant(number), offset);
            case NCalc.ValueType.String:
                return new Typed(StaticType.String, LinqExpression.Constant((string?)expression.Value, typeof(string)), offset);
            default:
                Report(offset, expression.Type + " values are not supported");
                return new Typed(StaticType.Null, NaN, offset);
        }
    }

    public Typed Visit(LogicalExpressionList list)
    {
        var items = VisitAll(list);
        var offset = items.Count > 0 ? items[0].Offset : 0;
        Report(offset, "a list (a, b, ...) is only allowed after 'in'");
        return new Typed(StaticType.Null, NaN, offset);
    }

    private List<Typed> VisitAll(LogicalExpressionList list)
    {
        var items = new List<Typed>(list.Count);
        foreach (var item in list)
        {
            items.Add(item.Accept(this));
        }

        return items;
    }

    private void Report(int offset, string message) => _problems.Add(new PositionedProblem(offset, message));

    /// <summary>
    /// The next token of a source-ordered list, normally the one at the cursor; if NCalc's tree and the
    /// token walk disagree (they should not), the next one that matches.
    /// </summary>
    private static Token? Next(List<Token> tokens, ref int cursor, Func<Token, bool> matches)
    {
        for (var i = cursor; i < tokens.Count; i++)
        {
            if (matches(tokens[i]))
            {
                cursor = i + 1;
                return tokens[i];
            }
        }

        return null;
    }

    private static bool SameName(string tokenText, string ncalcName) =>
        string.Equals(Squeeze(tokenText), Squeeze(ncalcName), StringComparison.Ordinal);

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
