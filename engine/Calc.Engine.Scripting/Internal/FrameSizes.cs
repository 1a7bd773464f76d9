using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Refuses values too large for the stack: a local, parameter or temporary of a value type lives in the frame of the
/// script's method, and eight levels of 8-tuples of doubles (128 MB) overflowed the stack, which ends the process.
/// Every expression and type the script writes is measured (the sum of its instance fields, recursively), in the
/// order written, before the other checks.
/// </summary>
internal static class FrameSizes
{
    private const int ReferenceSize = 8;

    /// <summary>
    /// The first expression (in the order written) whose value is larger than <see cref="CSharpScriptOptions.MaxValueBytes"/>,
    /// or null. It stops there: binding each further level of tuples of tuples costs the C# compiler eight times the last
    /// (eight levels took seconds), and what follows is at least as large.
    /// </summary>
    public static Refusal? Check(SemanticModel model, TextSpan user, CSharpScriptOptions limits, CancellationToken cancel)
    {
        var sizes = new Dictionary<ITypeSymbol, long>(SymbolEqualityComparer.Default);
        foreach (var node in model.SyntaxTree.GetRoot(cancel).DescendantNodes(user))
        {
            // 'var' has the type of its initializer, which is where the value is written.
            if (node is not ExpressionSyntax expression || node is IdentifierNameSyntax { IsVar: true } || !user.Contains(node.Span))
            {
                continue;
            }

            var info = model.GetTypeInfo(expression, cancel);
            var size = Math.Max(SizeOf(info.Type, sizes), SizeOf(info.ConvertedType, sizes));
            if (size > limits.MaxValueBytes)
            {
                return new Refusal(node.Span, Message(size, limits));
            }
        }

        return null;
    }

    public static string Message(long size, CSharpScriptOptions limits) =>
        $"this value takes {Bytes(size)} of stack, more than the {Bytes(limits.MaxValueBytes)} a script's value may (tuples of tuples multiply): keep large data in an array";

    private static string Bytes(long size) => size.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " bytes";

    private static long SizeOf(ITypeSymbol? type, Dictionary<ITypeSymbol, long> sizes)
    {
        if (type is null || type.IsReferenceType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error)
        {
            return ReferenceSize;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single:
                return 4;
            case SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return 8;
            case SpecialType.System_Decimal:
                return 16;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return SizeOf(underlying, sizes);
        }

        if (sizes.TryGetValue(type, out var known))
        {
            return known;
        }

        // A struct that contains itself cannot be declared; the placeholder only guards the recursion.
        sizes[type] = ReferenceSize;
        // A tuple's element fields past the seventh are views of its Rest field: count the elements instead.
        var parts = type is INamedTypeSymbol { IsTupleType: true, TupleElements: var elements }
            ? elements.Select(e => e.Type)
            : type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).Select(f => f.Type);
        long total = 0;
        foreach (var part in parts)
        {
            var size = SizeOf(part, sizes);
            total = total > long.MaxValue - size ? long.MaxValue : total + size;
        }

        total = Math.Max(total, 1);
        sizes[type] = total;
        return total;
    }
}
