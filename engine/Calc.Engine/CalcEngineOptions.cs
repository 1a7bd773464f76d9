using Calc.Sdk;

namespace Calc.Engine;

/// <summary>What an engine is made of: where plugins are, and which rule compilers are installed.</summary>
public sealed record CalcEngineOptions
{
    /// <summary>Folders holding plugin folders (each with a <c>calc-plugin.json</c>).</summary>
    public IReadOnlyList<string> PluginRoots { get; init; } = [];

    public IReadOnlyDictionary<ExpressionLanguage, IExpressionCompiler> Compilers { get; init; } =
        new Dictionary<ExpressionLanguage, IExpressionCompiler>();
}
