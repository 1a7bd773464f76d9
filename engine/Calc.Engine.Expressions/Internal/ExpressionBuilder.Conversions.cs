using System.Linq.Expressions;
using Calc.Sdk;

namespace Calc.Engine.Expressions.Internal;

/// <summary>Conversions between the static types (see <see cref="StaticType"/>).</summary>
internal sealed partial class ExpressionBuilder
{
    private static readonly ConstantExpression NaN = Expression.Constant(double.NaN);
    private static readonly ConstantExpression NullText = Expression.Constant(null, typeof(string));
    private static readonly DefaultExpression NullValue = Expression.Default(typeof(PointValue));

    /// <summary>
    /// The value as a double (NaN = null), non-finite mapped to NaN unless <paramref name="keepInfinity"/>;
    /// a string is a compile-time error reported at <paramref name="offset"/>.
    /// </summary>
    private Expression AsNumber(Typed t, string user, int offset, bool keepInfinity = false) => t.Type switch
    {
        StaticType.Number or StaticType.Boolean => keepInfinity ? t.Expr : Checked(t).Expr,
        StaticType.Value => ReadNumber(t.Expr, Subject(t)),
        StaticType.Null => NaN,
        _ => Mismatch(user + " needs a number, not a string", offset, NaN),
    };

    /// <summary>The value as 1, 0 or NaN (null); a number is true when not zero.</summary>
    private Expression AsBool(Typed t, string user, int offset) => t.Type switch
    {
        StaticType.Boolean => t.Expr,
        StaticType.Number => Call(nameof(Runtime.Truth), Checked(t).Expr),
        StaticType.Value => Call(nameof(Runtime.ToBool), t.Expr, Subject(t)),
        StaticType.Null => NaN,
        _ => Mismatch(user + " needs a condition (true or false), not a string", offset, NaN),
    };

    /// <summary>
    /// A value whose type only the data decides, as a number: null is NaN, a string or a boolean throws.
    /// Written inline with the error as a <c>throw</c>, so that the compiled code's hot path keeps its
    /// numbers in registers (a call on the error path made the JIT spill them around it).
    /// </summary>
    private static Expression ReadNumber(Expression value, ConstantExpression subject)
    {
        if (value is BinaryExpression { NodeType: ExpressionType.ArrayIndex })
        {
            // A reference: reading the array element twice is free (the JIT reuses the address).
            return NumberOf(value, subject);
        }

        var temp = Expression.Variable(typeof(PointValue), "value");
        return Expression.Block(typeof(double), [temp], Expression.Assign(temp, value), NumberOf(temp, subject));
    }

    private static ConditionalExpression NumberOf(Expression value, ConstantExpression subject) =>
        Expression.Condition(
            Expression.Property(value, nameof(PointValue.IsNumber)),
            Expression.Property(value, nameof(PointValue.Number)),
            Expression.Condition(
                Expression.Property(value, nameof(PointValue.IsNull)),
                NaN,
                Expression.Throw(Call(nameof(Runtime.NotANumber), value, subject), typeof(double))));

    private static Expression AsText(Typed t) => t.Type switch
    {
        StaticType.String => t.Expr,
        StaticType.Number => Call(nameof(Runtime.NumberText), t.Expr),
        StaticType.Boolean => Call(nameof(Runtime.BoolText), t.Expr),
        StaticType.Value => Call(nameof(Runtime.ToText), t.Expr),
        _ => NullText,
    };

    private static Expression AsValue(Typed t) => t.Type switch
    {
        StaticType.Number => Expression.Call(typeof(PointValue).GetMethod(nameof(PointValue.FromNumber))!, t.Expr),
        StaticType.Boolean => Call(nameof(Runtime.BoolValue), t.Expr),
        StaticType.String => Expression.Call(typeof(PointValue).GetMethod(nameof(PointValue.FromString))!, t.Expr),
        StaticType.Value => t.Expr,
        _ => NullValue,
    };

    /// <summary>Converts to the representation of <paramref name="type"/> (the result of <see cref="Unify"/>).</summary>
    private Expression As(StaticType type, Typed t, string user, int offset, bool keepInfinity) => type switch
    {
        StaticType.Number or StaticType.Boolean => AsNumber(t, user, offset, keepInfinity),
        StaticType.String => AsText(t),
        StaticType.Value => AsValue(t),
        _ => NaN,
    };

    /// <summary>The type that can hold either of two types (branches of if, arguments of coalesce).</summary>
    private static StaticType Unify(StaticType a, StaticType b)
    {
        if (a == b || b == StaticType.Null)
        {
            return a;
        }

        if (a == StaticType.Null)
        {
            return b;
        }

        return a is StaticType.Number or StaticType.Boolean && b is StaticType.Number or StaticType.Boolean
            ? StaticType.Number
            : StaticType.Value;
    }

    /// <summary>A test that is true when <paramref name="e"/> (of type <paramref name="type"/>) is null.</summary>
    private static Expression IsNullTest(StaticType type, Expression e) => type switch
    {
        StaticType.Number or StaticType.Boolean => Expression.Call(typeof(double).GetMethod(nameof(double.IsNaN), [typeof(double)])!, e),
        StaticType.String => Expression.ReferenceEqual(e, NullText),
        StaticType.Value => Expression.Property(e, nameof(PointValue.IsNull)),
        _ => Expression.Constant(true),
    };

    private static Expression NullOf(StaticType type) => type switch
    {
        StaticType.String => NullText,
        StaticType.Value => NullValue,
        _ => NaN,
    };

    /// <summary>
    /// Who to blame in a run-time type error, with where it is in the text, e.g.
    /// <c>line 1, column 1: 'm::s' (in ${m::s} * 2)</c>. A string constant is an <c>ldstr</c> in the
    /// compiled code, used only on the error path: the position costs nothing when nothing fails.
    /// </summary>
    private ConstantExpression Subject(Typed t) =>
        Expression.Constant(SourceText.Format(_text, t.Offset, (t.Reference is null ? "a value" : "'" + t.Reference + "'") + " (in " + _text + ")"));

    /// <summary>The same value with ±∞ mapped to NaN (null), for every use that could turn ∞ back into a finite value.</summary>
    private static Typed Checked(Typed t) => t.MayBeInfinite
        ? t with { Expr = Call(nameof(Runtime.Finite), t.Expr), MayBeInfinite = false }
        : t;

    private Expression Mismatch(string message, int offset, Expression placeholder)
    {
        Report(offset, message);
        return placeholder;
    }

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(Runtime).GetMethod(method)!, arguments);
}
