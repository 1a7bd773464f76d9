using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// The LINQ the step budget cannot count: <c>Enumerable</c> methods used as method groups (a delegate made of
/// <c>Enumerable.Range</c> or <c>Select</c> is called by library code, where no step or LINQ charge runs, so
/// <c>r(0, 500_000_000).Sum()</c> ran 500 M iterations and <c>Aggregate(…, sel)</c> nested enumerators until
/// the stack overflowed), and the sequences whose length is not charged (<c>Sequence</c>, <c>InfiniteSequence</c>).
/// </summary>
internal sealed partial class SandboxChecker
{
    private const string Uncountable = "is not allowed in scripts (the step budget cannot bound its length): use Enumerable.Range, whose length is charged, or a loop";

    /// <summary>Refuses <paramref name="method"/> named at <paramref name="node"/> when the budget could not count it; true if it did.</summary>
    private bool CheckLinq(IMethodSymbol method, SyntaxNode node)
    {
        var original = method.ReducedFrom ?? method;
        if (original.ContainingType is not { Name: "Enumerable" } type || type.ContainingNamespace.ToDisplayString() != "System.Linq")
        {
            return false;
        }

        if (original.Name is "Sequence" or "InfiniteSequence")
        {
            Refuse(node, "Enumerable." + original.Name + " " + Uncountable);
            return true;
        }

        if (node is InvocationExpressionSyntax || IsInvoked(node))
        {
            return false;
        }

        Refuse(node, "Enumerable." + original.Name + " as a method group is not allowed in scripts (the step budget cannot count the calls "
            + "made through it): call it directly, or write a lambda such as (…) => Enumerable." + original.Name + "(…)");
        return true;
    }

    /// <summary>True when <paramref name="node"/> names the method an invocation calls (<c>F</c> or <c>x.F</c> in <c>x.F(…)</c>, <c>x?.F(…)</c>).</summary>
    private static bool IsInvoked(SyntaxNode node)
    {
        var e = node;
        if (e.Parent is MemberAccessExpressionSyntax access && access.Name == e)
        {
            e = access;
        }
        else if (e.Parent is MemberBindingExpressionSyntax binding && binding.Name == e)
        {
            e = binding;
        }

        return e.Parent is InvocationExpressionSyntax invocation && invocation.Expression == e;
    }
}
