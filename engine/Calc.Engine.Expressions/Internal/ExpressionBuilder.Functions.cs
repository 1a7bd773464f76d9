using NCalc;
using LinqExpression = System.Linq.Expressions.Expression;
using MethodCallExpression = System.Linq.Expressions.MethodCallExpression;

namespace Calc.Engine.Expressions.Internal;

/// <summary>Function calls: arity is checked here, at compile time.</summary>
internal sealed partial class ExpressionBuilder
{
    public Typed Visit(Function function)
    {
        var name = function.Identifier.Name;
        var offset = Next(_syntax.Functions, ref _nextFunction, t => string.Equals(t.Text, name, StringComparison.OrdinalIgnoreCase))?.Start ?? 0;
        var args = VisitAll(function.Parameters);
        if (!FunctionTable.TryGet(name, out var spec))
        {
            Report(offset, "unknown function '" + name + "'; the functions are: " + FunctionTable.NameList);
            return new Typed(StaticType.Null, NaN, offset);
        }

        if (args.Count < spec.MinArguments || args.Count > spec.MaxArguments)
        {
            Report(offset, "function '" + spec.Name + "' takes " + spec.ArityText + " (" + spec.Signature + "), not " + args.Count);
            return new Typed(StaticType.Null, NaN, offset);
        }

        return Apply(spec.Name, args, offset);
    }

    private Typed Apply(string name, List<Typed> args, int offset)
    {
        var user = "function '" + name + "'";
        LinqExpression Arg(int i) => AsNumber(args[i], user, offset);
        return name switch
        {
            "if" => Choose(args[0], args[1], args[2], user, offset),
            "isNull" => Boolean(LinqExpression.Condition(IsNullTest(args[0].Type, Checked(args[0]).Expr), LinqExpression.Constant(1.0), LinqExpression.Constant(0.0)), offset),
            "coalesce" => Coalesce(args, offset),
            "min" or "max" => Number(Fold(name == "min" ? "Min" : "Max", args, user, offset), offset),
            "round" => Number(Call(nameof(Runtime.Round), Arg(0), args.Count > 1 ? Digits(args[1], offset) : LinqExpression.Constant(0.0)), offset),
            "sign" => Number(Call(nameof(Runtime.Sign), Arg(0)), offset),
            "pow" => Number(Call(nameof(Runtime.Pow), Arg(0), Arg(1)), offset),
            "log" when args.Count == 2 => Number(Call(nameof(Runtime.Log), Arg(0), Arg(1)), offset),
            "log" or "ln" => Number(MathCall("Log", Arg(0)), offset),
            "atan2" => Number(MathCall("Atan2", Arg(0), Arg(1)), offset),
            "clamp" => Clamp(args, user, offset),
            "abs" or "floor" or "ceiling" or "truncate" or "sqrt" or "exp" or "log10" or "sin" or "cos" or "tan" or "asin" or "acos" or "atan" =>
                Number(MathCall(char.ToUpperInvariant(name[0]) + name[1..], Arg(0)), offset),
            _ => throw new InvalidOperationException("function table and builder disagree on " + name),
        };
    }

    private LinqExpression Fold(string method, List<Typed> args, string user, int offset)
    {
        var result = AsNumber(args[0], user, offset);
        for (var i = 1; i < args.Count; i++)
        {
            result = MathCall(method, result, AsNumber(args[i], user, offset));
        }

        return result;
    }

    private LinqExpression Digits(Typed digits, int offset)
    {
        if (digits.Constant is { } d && !(d >= 0 && d <= 15 && d == Math.Floor(d)))
        {
            Report(offset, "round: digits must be a whole number from 0 to 15");
        }

        return AsNumber(digits, "round's digits", offset);
    }

    private Typed Clamp(List<Typed> args, string user, int offset)
    {
        if (args[1].Constant is { } low && args[2].Constant is { } high && low > high)
        {
            Report(offset, "clamp: low must not be greater than high");
        }

        return Number(Call(nameof(Runtime.Clamp), AsNumber(args[0], user, offset), AsNumber(args[1], user, offset), AsNumber(args[2], user, offset)), offset);
    }

    /// <summary>The first argument that is not null; later arguments run only when needed.</summary>
    private Typed Coalesce(List<Typed> args, int offset)
    {
        var type = args[0].Type;
        for (var i = 1; i < args.Count; i++)
        {
            type = Unify(type, args[i].Type);
        }

        var user = "coalesce";
        var result = As(type, args[^1], user, offset, keepInfinity: true);
        for (var i = args.Count - 2; i >= 0; i--)
        {
            var held = LinqExpression.Variable(result.Type, "candidate");
            result = LinqExpression.Block(
                [held],
                LinqExpression.Assign(held, As(type, args[i], user, offset, keepInfinity: false)),
                LinqExpression.Condition(IsNullTest(type, held), result, held));
        }

        return new Typed(type, result, offset, MayBeInfinite: args[^1].MayBeInfinite);
    }

    private static MethodCallExpression MathCall(string method, params LinqExpression[] args) =>
        LinqExpression.Call(typeof(Math).GetMethod(method, [.. args.Select(_ => typeof(double))])!, args);
}
