using Microsoft.CodeAnalysis;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// The types a script may name or hold: numbers and math, strings and text building, dates and times,
/// tuples, delegates for lambdas, collections and LINQ over values, and the common exceptions.
/// Everything else (files, network, processes, environment, reflection, threads and tasks, GC,
/// interop, load contexts, the console) is refused. An allow-list, so a new platform API is refused
/// until someone decides otherwise.
/// </summary>
internal static class AllowList
{
    public const string Why = "files, network, processes, reflection and threads are off limits";

    /// <summary>Namespaces whose every type is allowed.</summary>
    private static readonly HashSet<string> Namespaces = new(StringComparer.Ordinal)
    {
        "System.Collections",
        "System.Collections.Generic",
    };

    /// <summary>Allowed types by namespace-qualified metadata name (generic arity after a back-quote); their nested types too.</summary>
    private static readonly HashSet<string> Types = new(Build(), StringComparer.Ordinal);

    /// <summary>Members of allowed types that are still refused.</summary>
    private static readonly HashSet<string> RefusedMembers = new(StringComparer.Ordinal)
    {
        "System.Object.GetType",
        "System.Globalization.CultureInfo.CurrentCulture",
        "System.Globalization.CultureInfo.CurrentUICulture",
        "System.Globalization.CultureInfo.DefaultThreadCurrentCulture",
        "System.Globalization.CultureInfo.DefaultThreadCurrentUICulture",
    };

    public static bool IsAllowed(INamedTypeSymbol type)
    {
        for (var t = type.OriginalDefinition; t is not null; t = t.ContainingType)
        {
            if (Types.Contains(MetadataName(t)))
            {
                return true;
            }

            if (t.ContainingType is null && Namespaces.Contains(t.ContainingNamespace.ToDisplayString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why scripts may not name an interpolated string handler (<c>DefaultInterpolatedStringHandler</c>, a
    /// builder's nested handler): such a handler is a struct that rents a buffer from the process's shared array
    /// pool, so a copy finished twice returns one buffer twice and other scripts' strings are corrupted. The
    /// compiler still uses them for interpolated strings, where no copy can be made.
    /// </summary>
    public const string WhyHandlers = "interpolated string handlers rent buffers from the process's shared array pool, and a copy "
        + "finished twice corrupts other scripts' strings: write an interpolated string $\"…\" instead";

    /// <summary>True for a type marked as an interpolated string handler, which scripts may not name.</summary>
    public static bool IsStringHandler(INamedTypeSymbol type) =>
        type.OriginalDefinition.GetAttributes().Any(a => a.AttributeClass is
        {
            Name: "InterpolatedStringHandlerAttribute",
            ContainingNamespace: { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace.Name: "System" } },
        });

    public static bool IsRefusedMember(ISymbol member) =>
        member.ContainingType is { } type && RefusedMembers.Contains(DisplayName(type) + "." + member.Name);

    /// <summary>The name a problem gives a type: namespace and type names without type parameters (<c>System.Threading.Tasks.Task</c>).</summary>
    public static string DisplayName(INamedTypeSymbol type)
    {
        var name = type.OriginalDefinition.Name;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.Name + "." + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? type.MetadataName : ns.ToDisplayString() + "." + type.MetadataName;
    }

    private static IEnumerable<string> Build()
    {
        string[] system =
        [
            "Object", "ValueType", "Void", "String", "Boolean", "Char", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32",
            "Int64", "UInt64", "Int128", "UInt128", "Half", "Single", "Double", "Decimal", "Math", "MathF", "Convert",
            "BitConverter", "DateTime", "DateTimeOffset", "TimeSpan", "DateTimeKind", "DayOfWeek", "DateOnly", "TimeOnly",
            "Guid", "Nullable", "Nullable`1", "Tuple", "ValueTuple", "Array", "Enum", "Action", "Predicate`1", "Comparison`1",
            "Converter`2", "StringComparison", "StringComparer", "StringSplitOptions", "MidpointRounding", "Index", "Range",
            "Span`1", "ReadOnlySpan`1", "IComparable", "IComparable`1", "IEquatable`1", "IFormattable", "IFormatProvider",
            "IDisposable", "HashCode", "FormattableString",
            "Exception", "SystemException", "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException",
            "ArithmeticException", "DivideByZeroException", "OverflowException", "FormatException", "IndexOutOfRangeException",
            "InvalidOperationException", "InvalidCastException", "NotSupportedException", "NotImplementedException",
            "NullReferenceException",
        ];
        foreach (var name in system)
        {
            yield return "System." + name;
        }

        for (var arity = 1; arity <= 17; arity++)
        {
            yield return "System.Func`" + arity;
            yield return "System.Action`" + arity;
            yield return "System.Tuple`" + arity;
            yield return "System.ValueTuple`" + arity;
        }

        yield return "System.Globalization.CultureInfo";
        yield return "System.Globalization.NumberStyles";
        yield return "System.Globalization.DateTimeStyles";
        yield return "System.Globalization.CompareOptions";
        yield return "System.Text.StringBuilder";
        yield return "System.Linq.Enumerable";
        yield return "System.Linq.IGrouping`2";
        yield return "System.Linq.ILookup`2";
        yield return "System.Linq.IOrderedEnumerable`1";
        yield return "System.Linq.Lookup`2";
    }
}
