using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Decides the C# return type of the script's body from what its return statements return: all numbers
/// give <c>double</c> (no boxing), all booleans <c>bool</c>, all strings <c>string</c>; nullable variants
/// when some return null; a mix is returned as <c>object</c> and converted at run time. Any other type
/// (a date, a list) is refused: a point value is a number, a boolean, a string or null.
/// </summary>
internal static class ReturnTypes
{
    private enum Family
    {
        Null,
        Number,
        NullableNumber,
        Decimal,
        NullableDecimal,
        Bool,
        NullableBool,
        String,
        Mixed,
    }

    public static string Decide(SemanticModel model, BlockSyntax body, List<Refusal> refusals, CancellationToken cancel)
    {
        var families = new HashSet<Family>();
        var nodes = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));
        foreach (var node in nodes)
        {
            if (node is ReturnStatementSyntax { Expression: { } expression })
            {
                var family = Classify(model, expression, refusals, cancel);
                if (family is not null)
                {
                    families.Add(family.Value);
                }
            }
        }

        return Combine(families);
    }

    private static string Combine(HashSet<Family> f)
    {
        if (f.Count == 0)
        {
            return "double";
        }

        var nullable = f.Contains(Family.Null);
        if (Only(f, Family.Number, Family.NullableNumber))
        {
            return nullable || f.Contains(Family.NullableNumber) ? "double?" : "double";
        }

        if (Only(f, Family.Decimal, Family.NullableDecimal))
        {
            return nullable || f.Contains(Family.NullableDecimal) ? "decimal?" : "decimal";
        }

        if (Only(f, Family.Bool, Family.NullableBool))
        {
            return nullable || f.Contains(Family.NullableBool) ? "bool?" : "bool";
        }

        return Only(f, Family.String, Family.String) ? "string" : "object";
    }

    /// <summary>True when the set holds one of the two families, and otherwise only nulls.</summary>
    private static bool Only(HashSet<Family> f, Family a, Family b) =>
        (f.Contains(a) || f.Contains(b)) && f.All(x => x == a || x == b || x == Family.Null);

    private static Family? Classify(SemanticModel model, ExpressionSyntax expression, List<Refusal> refusals, CancellationToken cancel)
    {
        var type = model.GetTypeInfo(expression, cancel).Type;
        if (type is null)
        {
            return expression.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression)
                || expression.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DefaultLiteralExpression)
                ? Family.Null
                : Family.Mixed;
        }

        if (type is IErrorTypeSymbol)
        {
            return null;
        }

        var value = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
        var nullable = !SymbolEqualityComparer.Default.Equals(value, type);
        switch (value.SpecialType)
        {
            case SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt32
                or SpecialType.System_UInt64 or SpecialType.System_UInt16:
                return nullable ? Family.NullableNumber : Family.Number;
            case SpecialType.System_Decimal:
                return nullable ? Family.NullableDecimal : Family.Decimal;
            case SpecialType.System_Boolean:
                return nullable ? Family.NullableBool : Family.Bool;
            case SpecialType.System_String:
                return Family.String;
            case SpecialType.System_Object:
                return Family.Mixed;
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            return Family.Mixed;
        }

        refusals.Add(new Refusal(expression.Span, "a script returns a number, a boolean or a string, not " + type.ToDisplayString()));
        return null;
    }
}
