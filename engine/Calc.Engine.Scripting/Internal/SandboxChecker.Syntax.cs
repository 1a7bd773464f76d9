using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>The refusals that need no semantic model: unsafe code, native calls, locks, async code.</summary>
internal sealed partial class SandboxChecker
{
    private const string Unsafe = "unsafe code is not allowed in scripts";
    private const string Pointers = "pointers are not allowed in scripts (unsafe code is off limits)";
    private const string Async = "async code is not allowed in scripts (tasks and threads are off limits)";

    private void CheckSyntax(SyntaxNode node)
    {
        switch (node.Kind())
        {
            case SyntaxKind.UnsafeStatement:
                Refuse(((UnsafeStatementSyntax)node).UnsafeKeyword.Span, Unsafe);
                break;
            case SyntaxKind.PointerType or SyntaxKind.AddressOfExpression or SyntaxKind.PointerIndirectionExpression
                or SyntaxKind.PointerMemberAccessExpression or SyntaxKind.FixedStatement:
                Refuse(node, Pointers);
                break;
            case SyntaxKind.FunctionPointerType:
                Refuse(node, "function pointers are not allowed in scripts (native calls are off limits)");
                break;
            case SyntaxKind.StackAllocArrayCreationExpression or SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                Refuse(node, "stackalloc is not allowed in scripts (it can overflow the stack)");
                break;
            case SyntaxKind.LockStatement:
                Refuse(((LockStatementSyntax)node).LockKeyword.Span, "lock is not allowed in scripts (threads are off limits)");
                break;
            case SyntaxKind.AwaitExpression:
                Refuse(node, "await is not allowed in scripts (tasks and threads are off limits)");
                break;
            case SyntaxKind.ArrayCreationExpression when node is ArrayCreationExpressionSyntax { Initializer: null } creation
                && creation.Type.RankSpecifiers.Any(r => r.Rank > 1):
                // Each size is charged to the budget, but not their product.
                Refuse(node, "multi-dimensional arrays are not supported in scripts: use an array of arrays (double[][]) or a List");
                break;
            case SyntaxKind.LocalFunctionStatement:
                CheckModifiers(((LocalFunctionStatementSyntax)node).Modifiers);
                break;
            case SyntaxKind.ParenthesizedLambdaExpression or SyntaxKind.SimpleLambdaExpression or SyntaxKind.AnonymousMethodExpression:
                CheckModifiers(((AnonymousFunctionExpressionSyntax)node).Modifiers);
                break;
        }
    }

    private void CheckModifiers(SyntaxTokenList modifiers)
    {
        foreach (var modifier in modifiers)
        {
            switch (modifier.Kind())
            {
                case SyntaxKind.UnsafeKeyword:
                    Refuse(modifier.Span, Unsafe);
                    break;
                case SyntaxKind.ExternKeyword:
                    Refuse(modifier.Span, "extern functions are not allowed in scripts (native calls are off limits)");
                    break;
                case SyntaxKind.AsyncKeyword:
                    Refuse(modifier.Span, Async);
                    break;
            }
        }
    }
}
