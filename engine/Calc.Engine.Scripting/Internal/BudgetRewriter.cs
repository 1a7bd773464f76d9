using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Rewrites the checked script for emitting: a step check at the start of every loop body and before
/// every <c>goto</c>, an entry check (a step, and the call depth) around the body of every local
/// function, lambda and anonymous method, a charge of n steps for every array of n elements and every
/// <c>Enumerable.Range</c>/<c>Repeat</c> of n values, and <c>Text(${…})</c>/<c>IsNull(${…})</c> calls into
/// reads of the raw value. The counter is a thread-static of the generated class that only generated code can name.
/// </summary>
/// <param name="model">The semantic model of the checked tree (the rewriter visits its original nodes).</param>
/// <param name="accessors">The typed accessor calls and the helper each becomes.</param>
/// <param name="marks">When set, every statement of the user's also records that it runs (<see cref="StatementMarks"/>).</param>
internal sealed class BudgetRewriter(SemanticModel model, IReadOnlyDictionary<SyntaxNode, (string Helper, int Index)> accessors, StatementMarks? marks, CancellationToken cancel)
    : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Step = SyntaxFactory.ParseStatement(ScriptSource.StepStatement);
    private static readonly StatementSyntax Enter = SyntaxFactory.ParseStatement(ScriptSource.EnterStatement);
    private static readonly FinallyClauseSyntax Leave = SyntaxFactory.FinallyClause(SyntaxFactory.Block(SyntaxFactory.ParseStatement(ScriptSource.LeaveStatement)));

    /// <summary>True once a check was inserted: the run method then resets the counter.</summary>
    public bool Instrumented { get; private set; }

    /// <summary>With marks, an embedded statement of the user's (<c>if (c) x = a[i];</c>) becomes <c>{ mark; statement }</c>.</summary>
    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        var visited = base.Visit(node);
        if (marks is not { } m || node is not StatementSyntax statement || statement is BlockSyntax
            || node.Parent is BlockSyntax or SwitchSectionSyntax || !m.IsUsers(node) || visited is not StatementSyntax rewritten)
        {
            return visited;
        }

        return SyntaxFactory.Block(m.Mark(node), rewritten);
    }

    /// <summary>With marks, every statement of the user's in a block is preceded by its mark.</summary>
    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var visited = (BlockSyntax)base.VisitBlock(node)!;
        return marks is { } m ? visited.WithStatements(Marked(m, node.Statements, visited.Statements)) : visited;
    }

    /// <summary>With marks, every statement of the user's in a switch section is preceded by its mark.</summary>
    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
    {
        var visited = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
        return marks is { } m ? visited.WithStatements(Marked(m, node.Statements, visited.Statements)) : visited;
    }

    private static SyntaxList<StatementSyntax> Marked(StatementMarks m, SyntaxList<StatementSyntax> original, SyntaxList<StatementSyntax> visited)
    {
        var list = new List<StatementSyntax>(visited.Count * 2);
        for (var i = 0; i < visited.Count; i++)
        {
            // A local function is a declaration: it runs where it is called, and its body has its own marks.
            if (m.IsUsers(original[i]) && original[i] is not LocalFunctionStatementSyntax)
            {
                list.Add(m.Mark(original[i]));
            }

            list.Add(visited[i]);
        }

        return SyntaxFactory.List(list);
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Prepend(Step, visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Prepend(Step, visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Prepend(Step, visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Prepend(Step, visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Prepend(Step, visited.Statement));
    }

    /// <summary>A backward goto is a loop too.</summary>
    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var visited = (StatementSyntax)base.VisitGotoStatement(node)!;
        Instrumented = true;
        return SyntaxFactory.Block(Step, visited);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            var returnsVoid = visited.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
            return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow.Expression, returnsVoid));
        }

        return visited.WithBody(Counted(visited.Body!));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        Lambda(node, (LambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        Lambda(node, (LambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Counted(visited.Block));
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (accessors.TryGetValue(node, out var accessor))
        {
            return SyntaxFactory.ParseExpression($"{accessor.Helper}(__v[{accessor.Index}])").WithTriviaFrom(node);
        }

        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (!IsLinqCall(node) || IsBound(node))
        {
            return visited;
        }

        if (model.GetSymbolInfo(node, cancel).Symbol is IMethodSymbol { Name: "Range" or "Repeat" } && visited.ArgumentList.Arguments.Count == 2)
        {
            // A sequence of n values costs n steps up front: Range(0, int.MaxValue).Sum() runs no loop of the script's own.
            var count = visited.ArgumentList.Arguments[1];
            visited = visited.WithArgumentList(visited.ArgumentList.WithArguments(
                visited.ArgumentList.Arguments.Replace(count, count.WithExpression(Charge(count.Expression)))));
        }

        return CountLinq(visited, 1);
    }

    /// <summary>LINQ calls after <c>?.</c> are counted around the whole conditional access.</summary>
    public override SyntaxNode? VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node)
    {
        var visited = (ExpressionSyntax)base.VisitConditionalAccessExpression(node)!;
        var calls = node.WhenNotNull.DescendantNodesAndSelf()
            .OfType<InvocationExpressionSyntax>()
            .Count(i => IsBound(i) && i.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() == node && IsLinqCall(i));
        return calls == 0 ? visited : CountLinq(SyntaxFactory.ParenthesizedExpression(visited.WithoutTrivia()).WithTriviaFrom(visited), calls);
    }

    /// <summary>A query is one LINQ call per clause.</summary>
    public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node)
    {
        var visited = (QueryExpressionSyntax)base.VisitQueryExpression(node)!;
        var calls = 0;
        for (QueryBodySyntax? body = node.Body; body is not null; body = body.Continuation?.Body)
        {
            calls += body.Clauses.Count + 1;
        }

        return CountLinq(SyntaxFactory.ParenthesizedExpression(visited.WithoutTrivia()).WithTriviaFrom(visited), calls);
    }

    /// <summary>An array of n elements costs n steps: the budget bounds the memory a script allocates in arrays.</summary>
    public override SyntaxNode? VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        var visited = (ArrayRankSpecifierSyntax)base.VisitArrayRankSpecifier(node)!;
        if (node.Parent is not ArrayTypeSyntax { Parent: ArrayCreationExpressionSyntax })
        {
            return visited;
        }

        var sizes = visited.Sizes;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] is not OmittedArraySizeExpressionSyntax)
            {
                sizes = sizes.Replace(sizes[i], Charge(sizes[i]));
            }
        }

        return visited.WithSizes(sizes);
    }

    private static bool IsEnumerable(IMethodSymbol method) =>
        method.ContainingType is { Name: "Enumerable" } type && type.ContainingNamespace.ToDisplayString() == "System.Linq";

    private ExpressionSyntax CountLinq(ExpressionSyntax call, int calls)
    {
        Instrumented = true;
        var arguments = SyntaxFactory.SeparatedList(
        [
            SyntaxFactory.Argument(call.WithoutTrivia()),
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(calls))),
        ]);
        return SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName("__Linq"), SyntaxFactory.ArgumentList(arguments)).WithTriviaFrom(call);
    }

    private bool IsLinqCall(InvocationExpressionSyntax node) =>
        model.GetSymbolInfo(node, cancel).Symbol is IMethodSymbol method && IsEnumerable(method.ReducedFrom ?? method);

    /// <summary>True for a call in the chain after <c>?.</c> (<c>xs?.Select(f)</c>): it cannot be wrapped alone.</summary>
    private static bool IsBound(InvocationExpressionSyntax node)
    {
        for (var e = node.Expression; ;)
        {
            switch (e)
            {
                case MemberBindingExpressionSyntax or ElementBindingExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax m:
                    e = m.Expression;
                    break;
                case InvocationExpressionSyntax i:
                    e = i.Expression;
                    break;
                case ElementAccessExpressionSyntax a:
                    e = a.Expression;
                    break;
                case PostfixUnaryExpressionSyntax p:
                    e = p.Operand;
                    break;
                default:
                    return false;
            }
        }
    }

    private ExpressionSyntax Charge(ExpressionSyntax count)
    {
        Instrumented = true;
        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.IdentifierName("__Charge"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(count.WithoutTrivia())))).WithTriviaFrom(count);
    }

    private SyntaxNode Lambda(LambdaExpressionSyntax original, LambdaExpressionSyntax visited)
    {
        if (visited.ExpressionBody is { } expression)
        {
            var returnsVoid = model.GetSymbolInfo(original, cancel).Symbol is IMethodSymbol { ReturnsVoid: true };
            return visited.WithExpressionBody(null).WithBlock(BodyOf(expression, returnsVoid));
        }

        return visited.WithBlock(Counted(visited.Block!));
    }

    private BlockSyntax BodyOf(ExpressionSyntax expression, bool returnsVoid)
    {
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax t => SyntaxFactory.ThrowStatement(t.Expression),
            _ when returnsVoid => SyntaxFactory.ExpressionStatement(expression),
            _ => SyntaxFactory.ReturnStatement(expression),
        };
        return Counted(SyntaxFactory.Block(statement));
    }

    /// <summary><c>{ __Enter(); try { body } finally { __depth--; } }</c>: a step, and the call depth while the body runs.</summary>
    private BlockSyntax Counted(BlockSyntax body)
    {
        Instrumented = true;
        return SyntaxFactory.Block(Enter, SyntaxFactory.TryStatement(body, default, Leave));
    }

    private BlockSyntax Prepend(StatementSyntax check, StatementSyntax body)
    {
        Instrumented = true;
        return body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, check))
            : SyntaxFactory.Block(check, body);
    }
}
