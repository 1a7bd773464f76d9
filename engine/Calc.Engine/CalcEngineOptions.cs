using Calc.Sdk;

namespace Calc.Engine;

/// <summary>What an engine is made of: where plugins are, and which rule compilers are installed.</summary>
public sealed record CalcEngineOptions
{
    /// <summary>Folders holding plugin folders (each with a <c>calc-plugin.json</c>).</summary>
    public IReadOnlyList<string> PluginRoots { get; init; } = [];

    /// <summary>Compilers shared by every job of the engine.</summary>
    public IReadOnlyDictionary<ExpressionLanguage, IExpressionCompiler> Compilers { get; init; } =
        new Dictionary<ExpressionLanguage, IExpressionCompiler>();

    /// <summary>
    /// Compilers made anew for each compiled job and disposed with it (<see cref="Runtime.CompiledJob.Dispose"/>),
    /// for languages whose compiled code should be unloaded when the job stops (C# scripts). They take
    /// precedence over <see cref="Compilers"/> for their language.
    /// </summary>
    public IReadOnlyDictionary<ExpressionLanguage, Func<IExpressionCompiler>> PerJobCompilers { get; init; } =
        new Dictionary<ExpressionLanguage, Func<IExpressionCompiler>>();
}
