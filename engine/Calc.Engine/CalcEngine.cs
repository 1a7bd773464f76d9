using Calc.Engine.Jobs;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Engine.Steps;
using Calc.Sdk;

namespace Calc.Engine;

/// <summary>
/// The engine's static parts: the operator registry filled from plugin folders, and the rule
/// compilers. Compiles jobs; lanes (<see cref="JobInstance"/>) run them.
/// </summary>
public sealed class CalcEngine
{
    private CalcEngine(OperatorRegistry registry, IDefinitionContext context, IReadOnlyList<LoadedPlugin> plugins)
    {
        Registry = registry;
        DefinitionContext = context;
        Plugins = plugins;
    }

    public OperatorRegistry Registry { get; }

    public IDefinitionContext DefinitionContext { get; }

    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Loads every plugin below the roots; plugins that fail are listed in <paramref name="pluginProblems"/>.</summary>
    public static CalcEngine Create(CalcEngineOptions options, ProblemList pluginProblems)
    {
        var registry = new OperatorRegistry();
        var loader = new PluginDirectoryLoader(registry, options.PluginRoots);
        loader.LoadAll(pluginProblems);
        var context = new DefinitionContext(new LanguageCompiler(options.Compilers));
        return new CalcEngine(registry, context, loader.Loaded);
    }

    /// <summary>An engine over an existing registry (tests, the SDK test kit).</summary>
    public static CalcEngine Create(OperatorRegistry registry, IExpressionCompiler compiler) =>
        new(registry, new DefinitionContext(compiler), []);

    /// <summary>Parses, validates and compiles a job; every problem goes to <paramref name="problems"/>.</summary>
    public CompiledJob? Compile(string json, ProblemList problems)
    {
        var job = JobParser.Parse(json, problems);
        if (job is null)
        {
            return null;
        }

        var compiled = JobCompiler.Compile(job, Registry, DefinitionContext, problems);
        return problems.IsEmpty ? compiled : null;
    }
}
