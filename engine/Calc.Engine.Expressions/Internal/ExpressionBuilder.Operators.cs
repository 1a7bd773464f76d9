using NCalc;
using LinqExpression = System.Linq.Expressions.Expression;

namespace Calc.Engine.Expressions.Internal;

/// <summary>Unary, binary and ternary operators.</summary>
internal sealed partial class ExpressionBuilder
{
    public Typed Visit(BinaryExpression expression)
    {
        var left = expression.LeftExpression.Accept(this);
        var type = expression.Type;
        var offset = NextBinary(type) ?? left.Offset;
        if (type is BinaryExpressionType.In or BinaryExpressionType.NotIn && expression.RightExpression is LogicalExpressionList list)
        {
            var found = In(left, VisitAll(list), offset);
            return type == BinaryExpressionType.In ? found : Not(found);
        }

        if (type is BinaryExpressionType.In or BinaryExpressionType.NotIn)
        {
            expression.RightExpression.Accept(this);
            Report(offset, "'" + OperatorTable.Symbol(type) + "' needs a list in parentheses: x in (1, 2, 3)");
            return new Typed(StaticType.Null, NaN, offset);
        }

        var right = expression.RightExpression.Accept(this);
        var user = "operator '" + OperatorTable.Symbol(type) + "'";
        if (OperatorTable.Unsupported(type) is { } why)
        {
            Report(offset, why);
            return new Typed(StaticType.Null, NaN, offset);
        }

        return type switch
        {
            BinaryExpressionType.Plus when left.Type == StaticType.String || right.Type == StaticType.String =>
                new Typed(StaticType.String, Call(nameof(Runtime.Concat), AsText(left), AsText(right)), offset),
            BinaryExpressionType.Plus => Arithmetic(LinqExpression.Add, left, right, user, offset, keepRightInfinity: true),
            BinaryExpressionType.Minus => Arithmetic(LinqExpression.Subtract, left, right, user, offset, keepRightInfinity: true),
            BinaryExpressionType.Times => Arithmetic(LinqExpression.Multiply, left, right, user, offset, keepRightInfinity: true),
            BinaryExpressionType.Div => Arithmetic(LinqExpression.Divide, left, right, user, offset, keepRightInfinity: false),
            BinaryExpressionType.Modulo => Arithmetic(LinqExpression.Modulo, left, right, user, offset, keepRightInfinity: false),
            BinaryExpressionType.Exponentiation => Number(Call(nameof(Runtime.Pow), AsNumber(left, user, offset), AsNumber(right, user, offset)), offset),
            BinaryExpressionType.Equal => Equality(left, right, offset),
            BinaryExpressionType.NotEqual => Not(Equality(left, right, offset)),
            BinaryExpressionType.Lesser => Ordering(nameof(Runtime.Less), left, right, user, offset),
            BinaryExpressionType.LesserOrEqual => Ordering(nameof(Runtime.LessOrEqual), left, right, user, offset),
            BinaryExpressionType.Greater => Ordering(nameof(Runtime.Greater), left, right, user, offset),
            BinaryExpressionType.GreaterOrEqual => Ordering(nameof(Runtime.GreaterOrEqual), left, right, user, offset),
            BinaryExpressionType.And => Logic(isAnd: true, left, right, user, offset),
            BinaryExpressionType.Or => Logic(isAnd: false, left, right, user, offset),
            BinaryExpressionType.Coalesce => Coalesce([left, right], offset),
            _ => Unknown(type, offset),
        };
    }

    public Typed Visit(UnaryExpression expression)
    {
        var prefix = expression.Type is UnaryExpressionType.Not or UnaryExpressionType.BitwiseNot ? NextUnary(expression.Type) : null;
        var operand = expression.Expression.Accept(this);
        var offset = prefix ?? (expression.Type == UnaryExpressionType.Factorial ? NextUnary(expression.Type) : null) ?? operand.Offset;
        switch (expression.Type)
        {
            case UnaryExpressionType.Negate when operand.Constant is { } constant:
                return operand with { Expr = LinqExpression.Constant(-constant) };
            case UnaryExpressionType.Negate:
                return Number(LinqExpression.Negate(AsNumber(operand, "'-'", offset, keepInfinity: true)), offset);
            case UnaryExpressionType.Positive:
                return Number(AsNumber(operand, "'+'", offset, keepInfinity: true), offset);
            case UnaryExpressionType.Not:
                return Not(new Typed(StaticType.Boolean, AsBool(operand, "'not'", offset), offset));
            case UnaryExpressionType.Factorial:
                Report(offset, "the factorial operator '!' is not supported ('!' before a value means not)");
                break;
            default:
                Report(offset, "the bitwise operator '~' is not supported");
                break;
        }

        return new Typed(StaticType.Null, NaN, offset);
    }

    public Typed Visit(TernaryExpression expression)
    {
        var condition = expression.LeftExpression.Accept(this);
        var whenTrue = expression.MiddleExpression.Accept(this);
        var whenFalse = expression.RightExpression.Accept(this);
        return Choose(condition, whenTrue, whenFalse, "the condition of '?:'", condition.Offset);
    }

    /// <summary>if / ?: — only the chosen branch runs; a null condition gives null.</summary>
    private Typed Choose(Typed condition, Typed whenTrue, Typed whenFalse, string user, int offset)
    {
        var type = Unify(whenTrue.Type, whenFalse.Type);
        var test = LinqExpression.Variable(typeof(double), "condition");
        var body = LinqExpression.Block(
            [test],
            LinqExpression.Assign(test, AsBool(condition, user, offset)),
            LinqExpression.Condition(
                LinqExpression.Equal(test, LinqExpression.Constant(1.0)),
                As(type, whenTrue, user, offset, keepInfinity: true),
                LinqExpression.Condition(LinqExpression.Equal(test, LinqExpression.Constant(0.0)), As(type, whenFalse, user, offset, keepInfinity: true), NullOf(type))));
        return new Typed(type, body, offset, MayBeInfinite: whenTrue.MayBeInfinite || whenFalse.MayBeInfinite);
    }

    /// <summary>
    /// + - * / %: ±∞ and NaN stay non-finite through them, so they are not checked here (see
    /// <see cref="Typed.MayBeInfinite"/>); only a divisor is, since x / ∞ and x % ∞ are finite.
    /// </summary>
    private Typed Arithmetic(Func<LinqExpression, LinqExpression, LinqExpression> op, Typed left, Typed right, string user, int offset, bool keepRightInfinity) =>
        Number(op(AsNumber(left, user, offset, keepInfinity: true), AsNumber(right, user, offset, keepRightInfinity)), offset);

    private Typed Equality(Typed left, Typed right, int offset)
    {
        left = Checked(left);
        right = Checked(right);
        if (left.Type == StaticType.Null || right.Type == StaticType.Null)
        {
            var other = left.Type == StaticType.Null ? right : left;
            return Boolean(LinqExpression.Condition(IsNullTest(other.Type, other.Expr), LinqExpression.Constant(1.0), LinqExpression.Constant(0.0)), offset);
        }

        if (left.IsNumeric && right.IsNumeric)
        {
            return Boolean(Call(nameof(Runtime.NumberEquals), left.Expr, right.Expr), offset);
        }

        if (left.Type == StaticType.String && right.Type == StaticType.String)
        {
            return Boolean(Call(nameof(Runtime.TextEquals), left.Expr, right.Expr), offset);
        }

        if (left.Type == StaticType.String || right.Type == StaticType.String)
        {
            if (left.IsNumeric || right.IsNumeric)
            {
                Report(offset, "cannot compare a string with a number; compare with a number or with 'text' on both sides");
            }

            return Boolean(Call(nameof(Runtime.TextEquals), AsText(left), AsText(right)), offset);
        }

        return Boolean(Call(nameof(Runtime.ValueEquals), AsValue(left), AsValue(right)), offset);
    }

    private Typed Ordering(string compare, Typed left, Typed right, string user, int offset)
    {
        if (left.Type == StaticType.String || right.Type == StaticType.String)
        {
            if (left.IsNumeric || right.IsNumeric)
            {
                Report(offset, user + " cannot compare a string with a number");
            }

            var order = Call(nameof(Runtime.TextOrder), AsText(left), AsText(right));
            return Boolean(Call(compare, order, LinqExpression.Constant(0.0)), offset);
        }

        return Boolean(Call(compare, AsNumber(left, user, offset), AsNumber(right, user, offset)), offset);
    }

    /// <summary>Three-valued and/or (false and null = false, true or null = true), right side only when needed.</summary>
    private Typed Logic(bool isAnd, Typed left, Typed right, string user, int offset)
    {
        var l = LinqExpression.Variable(typeof(double), "left");
        var decided = LinqExpression.Constant(isAnd ? 0.0 : 1.0);
        var rest = Call(isAnd ? nameof(Runtime.AndRest) : nameof(Runtime.OrRest), l, AsBool(right, user, offset));
        var body = LinqExpression.Block(
            [l],
            LinqExpression.Assign(l, AsBool(left, user, offset)),
            LinqExpression.Condition(LinqExpression.Equal(l, decided), decided, rest));
        return Boolean(body, offset);
    }

    private Typed In(Typed left, List<Typed> items, int offset)
    {
        var held = LinqExpression.Variable(left.Expr.Type, "item");
        var probe = left with { Expr = held };
        LinqExpression found = LinqExpression.Constant(0.0);
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var equal = Equality(probe, items[i], offset).Expr;
            found = LinqExpression.Condition(LinqExpression.Equal(equal, LinqExpression.Constant(1.0)), LinqExpression.Constant(1.0), found);
        }

        return Boolean(LinqExpression.Block([held], LinqExpression.Assign(held, left.Expr), found), offset);
    }

    private static Typed Not(Typed condition) =>
        condition with { Expr = LinqExpression.Subtract(LinqExpression.Constant(1.0), condition.Expr) };

    private static Typed Number(LinqExpression e, int offset) => new(StaticType.Number, e, offset, MayBeInfinite: true);

    private static Typed Boolean(LinqExpression e, int offset) => new(StaticType.Boolean, e, offset);

    private Typed Unknown(BinaryExpressionType type, int offset)
    {
        Report(offset, "operator " + type + " is not supported");
        return new Typed(StaticType.Null, NaN, offset);
    }

    private int? NextBinary(BinaryExpressionType type)
    {
        for (var i = _nextBinary; i < _syntax.BinaryOperators.Count; i++)
        {
            if (_syntax.BinaryOperators[i].Type == type)
            {
                _nextBinary = i + 1;
                return _syntax.BinaryOperators[i].Token.Start;
            }
        }

        return null;
    }

    private int? NextUnary(UnaryExpressionType type)
    {
        for (var i = _nextUnary; i < _syntax.UnaryOperators.Count; i++)
        {
            if (_syntax.UnaryOperators[i].Type == type)
            {
                _nextUnary = i + 1;
                return _syntax.UnaryOperators[i].Token.Start;
            }
        }

        return null;
    }
}
