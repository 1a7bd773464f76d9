using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Names a refused API that does not even resolve, because its assembly is not referenced
/// (<c>System.Net.Http.HttpClient</c>, <c>System.Diagnostics.Process</c>, <c>Console</c>): the
/// semantic model has no symbol for it, so the API is told from the dotted name as written.
/// </summary>
internal static class UnresolvedNames
{
    /// <summary>Namespaces a dotted name may continue through before it reaches the type.</summary>
    private static readonly HashSet<string> KnownNamespaces = new(StringComparer.Ordinal)
    {
        "System.IO", "System.IO.Pipes", "System.IO.Compression", "System.IO.Ports", "System.IO.MemoryMappedFiles",
        "System.IO.Pipelines", "System.IO.IsolatedStorage", "System.Net", "System.Net.Http", "System.Net.Http.Json",
        "System.Net.Sockets", "System.Net.Mail", "System.Net.WebSockets", "System.Net.NetworkInformation",
        "System.Net.Security", "System.Net.Quic", "System.Diagnostics", "System.Diagnostics.Tracing",
        "System.Diagnostics.Metrics", "System.Reflection", "System.Reflection.Emit", "System.Reflection.Metadata",
        "System.Threading", "System.Threading.Tasks", "System.Threading.Channels", "System.Runtime",
        "System.Runtime.InteropServices", "System.Runtime.Loader", "System.Runtime.CompilerServices",
        "System.Runtime.Serialization", "System.Security", "System.Security.Cryptography", "System.Security.Principal",
        "System.Text", "System.Text.Json", "System.Text.RegularExpressions", "System.Linq", "System.Linq.Expressions",
        "System.Xml", "System.Xml.Linq", "System.Data", "System.Data.Common", "System.Collections",
        "System.Collections.Concurrent", "System.ComponentModel", "Microsoft.Win32", "Microsoft.Win32.SafeHandles",
    };

    /// <summary>Where a name that does not resolve is a refused API rather than a typo.</summary>
    private static readonly string[] RefusedPrefixes =
    [
        "System.IO", "System.Net", "System.Diagnostics", "System.Reflection", "System.Threading", "System.Runtime",
        "System.Security", "System.Linq.Expressions", "System.Linq.ParallelEnumerable", "System.Text.RegularExpressions",
        "System.Text.Json", "System.Xml", "System.Data", "System.Web", "System.Console", "System.Collections.Concurrent",
        "System.Dynamic", "System.CodeDom", "System.Resources", "System.ComponentModel", "System.Management",
        "System.Media", "System.Drawing", "System.Timers", "Microsoft.Win32", "Microsoft.CSharp", "Microsoft.VisualBasic",
        "Microsoft.Extensions",
    ];

    /// <summary>Well-known refused types a script might name without their namespace.</summary>
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["Console"] = "System.Console",
        ["File"] = "System.IO.File",
        ["Directory"] = "System.IO.Directory",
        ["Path"] = "System.IO.Path",
        ["FileStream"] = "System.IO.FileStream",
        ["StreamReader"] = "System.IO.StreamReader",
        ["StreamWriter"] = "System.IO.StreamWriter",
        ["HttpClient"] = "System.Net.Http.HttpClient",
        ["WebClient"] = "System.Net.WebClient",
        ["Socket"] = "System.Net.Sockets.Socket",
        ["TcpClient"] = "System.Net.Sockets.TcpClient",
        ["Process"] = "System.Diagnostics.Process",
        ["Thread"] = "System.Threading.Thread",
        ["ThreadPool"] = "System.Threading.ThreadPool",
        ["Interlocked"] = "System.Threading.Interlocked",
        ["Monitor"] = "System.Threading.Monitor",
        ["Task"] = "System.Threading.Tasks.Task",
        ["Parallel"] = "System.Threading.Tasks.Parallel",
        ["Assembly"] = "System.Reflection.Assembly",
        ["BindingFlags"] = "System.Reflection.BindingFlags",
        ["Marshal"] = "System.Runtime.InteropServices.Marshal",
        ["DllImport"] = "System.Runtime.InteropServices.DllImportAttribute",
        ["DllImportAttribute"] = "System.Runtime.InteropServices.DllImportAttribute",
        ["Unsafe"] = "System.Runtime.CompilerServices.Unsafe",
        ["Regex"] = "System.Text.RegularExpressions.Regex",
    };

    /// <summary>The refused API <paramref name="expression"/> names, when it is the whole of a dotted name that does not resolve.</summary>
    public static string? Refused(SemanticModel model, ExpressionSyntax expression, CancellationToken cancel)
    {
        if (!IsWholeName(expression))
        {
            return null;
        }

        var parts = new List<(SyntaxNode Node, string Name)>();
        if (!Flatten(expression, parts))
        {
            return null;
        }

        ISymbol? previous = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var symbol = model.GetSymbolInfo(parts[i].Node, cancel).Symbol;
            if (symbol is null)
            {
                return i == 0 ? ShortNames.GetValueOrDefault(parts[0].Name) : Api(((INamespaceSymbol)previous!).ToDisplayString(), parts, i);
            }

            if (symbol is not INamespaceSymbol)
            {
                return null;
            }

            previous = symbol;
        }

        return null;
    }

    private static string? Api(string ns, List<(SyntaxNode Node, string Name)> parts, int i)
    {
        var api = ns + "." + parts[i].Name;
        while (i + 1 < parts.Count && KnownNamespaces.Contains(api))
        {
            api += "." + parts[++i].Name;
        }

        foreach (var prefix in RefusedPrefixes)
        {
            if (api == prefix || api.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return api;
            }
        }

        return null;
    }

    /// <summary>True unless the expression is the left part or the right-hand name of a longer dotted name.</summary>
    private static bool IsWholeName(ExpressionSyntax expression) => expression is SimpleNameSyntax or MemberAccessExpressionSyntax or QualifiedNameSyntax
        && expression.Parent switch
        {
            MemberAccessExpressionSyntax m => m.Expression != expression && m.Name != expression,
            QualifiedNameSyntax q => q.Left != expression && q.Right != expression,
            AliasQualifiedNameSyntax a => a.Name != expression,
            _ => true,
        };

    private static bool Flatten(ExpressionSyntax expression, List<(SyntaxNode Node, string Name)> parts)
    {
        switch (expression)
        {
            case MemberAccessExpressionSyntax m when m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression):
                if (!Flatten(m.Expression, parts))
                {
                    return false;
                }

                parts.Add((m, m.Name.Identifier.ValueText));
                return true;
            case QualifiedNameSyntax q:
                if (!Flatten(q.Left, parts))
                {
                    return false;
                }

                parts.Add((q, q.Right.Identifier.ValueText));
                return true;
            case AliasQualifiedNameSyntax a:
                parts.Add((a, a.Name.Identifier.ValueText));
                return true;
            case SimpleNameSyntax s:
                parts.Add((s, s.Identifier.ValueText));
                return true;
            default:
                return false;
        }
    }
}
