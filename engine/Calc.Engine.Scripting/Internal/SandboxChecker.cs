using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Calc.Engine.Scripting.Internal;

/// <summary>
/// Checks a script with the semantic model before anything runs: every symbol it names and every
/// type its expressions have must be on the <see cref="AllowList"/>, and unsafe code, pointers,
/// native calls, <c>dynamic</c>, locks and async code are refused. Names that do not resolve because
/// their assembly is not referenced at all are named by <see cref="UnresolvedNames"/>.
/// </summary>
internal sealed partial class SandboxChecker
{
    private readonly SemanticModel _model;
    private readonly TextSpan _user;
    private readonly List<Refusal> _refusals = [];
    private readonly CancellationToken _cancel;
    private readonly Dictionary<ITypeSymbol, int> _clean = new(SymbolEqualityComparer.Default);
    private int _refused; // every refusal made, also those not added again

    private SandboxChecker(SemanticModel model, TextSpan user, CancellationToken cancel)
    {
        _cancel = cancel;
        _model = model;
        _user = user;
    }

    /// <summary>What the script at <paramref name="user"/> (a span of the generated source) may not do.</summary>
    public static IReadOnlyList<Refusal> Run(SemanticModel model, TextSpan user, CancellationToken cancel)
    {
        var checker = new SandboxChecker(model, user, cancel);
        foreach (var node in model.SyntaxTree.GetRoot(cancel).DescendantNodes(user))
        {
            if (user.Contains(node.Span))
            {
                checker.CheckSyntax(node);
                checker.CheckSemantics(node);
            }
        }

        return checker._refusals;
    }

    private void CheckSemantics(SyntaxNode node)
    {
        // 'var' has the type of its initializer, which is checked where it is written.
        if (node is not ExpressionSyntax expression || node is IdentifierNameSyntax { IsVar: true })
        {
            return;
        }

        // One refusal per node: the symbol it names says more than the type it has.
        var before = _refusals.Count;
        var info = _model.GetSymbolInfo(expression, _cancel);
        if (info.Symbol is not null)
        {
            CheckSymbol(info.Symbol, node);
        }
        else if (!info.CandidateSymbols.IsEmpty)
        {
            foreach (var candidate in info.CandidateSymbols)
            {
                CheckSymbol(candidate, node);
            }
        }
        else if (UnresolvedNames.Refused(_model, expression, _cancel) is { } api)
        {
            Refuse(node, api + " is not allowed in scripts (" + AllowList.Why + ")");
        }

        if (_refusals.Count > before)
        {
            return;
        }

        var type = _model.GetTypeInfo(expression, _cancel);
        CheckType(type.Type, node);
        // An interpolated string passed where a handler is expected (string.Create(culture, $"…"),
        // builder.Append($"…")) is the compiler's own use of the handler: no copy of it can be made.
        if (node is not InterpolatedStringExpressionSyntax || type.ConvertedType is not INamedTypeSymbol converted || !AllowList.IsStringHandler(converted))
        {
            CheckType(type.ConvertedType, node);
        }
        var conversion = _model.GetConversion(expression, _cancel);
        if (conversion.IsUserDefined && conversion.MethodSymbol is { } method)
        {
            CheckSymbol(method, node);
        }
    }

    private void CheckSymbol(ISymbol symbol, SyntaxNode node)
    {
        switch (symbol)
        {
            case ITypeSymbol type:
                CheckType(type, node);
                break;
            case IMethodSymbol method:
                if (CheckLinq(method, node))
                {
                    break;
                }

                CheckMember(method.ReducedFrom ?? method, node);
                foreach (var argument in method.TypeArguments)
                {
                    CheckType(argument, node);
                }

                break;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                CheckMember(symbol, node);
                break;
            case ILocalSymbol local:
                CheckType(local.Type, node);
                break;
            case IParameterSymbol parameter:
                CheckType(parameter.Type, node);
                break;
            case IDiscardSymbol discard:
                CheckType(discard.Type, node);
                break;
        }
    }

    private void CheckMember(ISymbol member, SyntaxNode node)
    {
        if (IsOwn(member) || member.ContainingType is not { } type)
        {
            return;
        }

        if (AllowList.IsRefusedMember(member))
        {
            Refuse(node, AllowList.DisplayName(type) + "." + member.Name + " is not allowed in scripts (" + AllowList.Why + ")");
            return;
        }

        CheckType(type, node);
    }

    private void CheckType(ITypeSymbol? type, SyntaxNode node, int depth = 0)
    {
        if (type is null || depth > 8 || type is IErrorTypeSymbol or ITypeParameterSymbol)
        {
            return;
        }

        // A type found clean from some depth is clean from any deeper one: without this, eight levels of 8-tuples
        // were walked 8^8 times per expression.
        if (_clean.TryGetValue(type, out var cleanFrom) && cleanFrom <= depth)
        {
            return;
        }

        var before = _refused;
        CheckTypeParts(type, node, depth);
        if (_refused == before)
        {
            _clean[type] = depth;
        }
    }

    private void CheckTypeParts(ITypeSymbol type, SyntaxNode node, int depth)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                CheckType(array.ElementType, node, depth + 1);
                return;
            case IPointerTypeSymbol:
                Refuse(node, "pointers are not allowed in scripts (unsafe code is off limits)");
                return;
            case IFunctionPointerTypeSymbol:
                Refuse(node, "function pointers are not allowed in scripts (native calls are off limits)");
                return;
            case IDynamicTypeSymbol:
                Refuse(node, "dynamic is not allowed in scripts (every type is checked before the script runs)");
                return;
            case INamedTypeSymbol named:
                CheckNamed(named, node, depth);
                return;
        }
    }

    private void CheckNamed(INamedTypeSymbol named, SyntaxNode node, int depth)
    {
        if (named.IsAnonymousType)
        {
            foreach (var property in named.GetMembers().OfType<IPropertySymbol>())
            {
                CheckType(property.Type, node, depth + 1);
            }

            return;
        }

        if (IsOwn(named))
        {
            return;
        }

        if (AllowList.IsStringHandler(named))
        {
            Refuse(node, AllowList.DisplayName(named) + " is not allowed in scripts (" + AllowList.WhyHandlers + ")");
            return;
        }

        if (!AllowList.IsAllowed(named))
        {
            Refuse(node, AllowList.DisplayName(named) + " is not allowed in scripts (" + AllowList.Why + ")");
            return;
        }

        for (var t = named; t is not null; t = t.ContainingType)
        {
            foreach (var argument in t.TypeArguments)
            {
                CheckType(argument, node, depth + 1);
            }
        }
    }

    private bool IsOwn(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _model.Compilation.Assembly);

    private void Refuse(SyntaxNode node, string message) => Refuse(node.Span, message);

    /// <summary>Adds a refusal, silent when the same one was already made on that line (a pointer type and its uses, say).</summary>
    private void Refuse(TextSpan span, string message)
    {
        _refused++;
        var lines = _model.SyntaxTree.GetText().Lines;
        var line = lines.GetLineFromPosition(span.Start).LineNumber;
        var silent = false;
        foreach (var existing in _refusals)
        {
            if (existing.Message == message && existing.Span.Contains(span))
            {
                return;
            }

            silent |= existing.Message == message && lines.GetLineFromPosition(existing.Span.Start).LineNumber == line;
        }

        _refusals.Add(new Refusal(span, message, silent));
    }
}
