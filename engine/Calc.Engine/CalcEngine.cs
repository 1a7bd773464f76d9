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
    private readonly IReadOnlyDictionary<ExpressionLanguage, IExpressionCompiler> _shared;
    private readonly IReadOnlyDictionary<ExpressionLanguage, Func<IExpressionCompiler>> _perJob;

    private CalcEngine(OperatorRegistry registry, IDefinitionContext context, IReadOnlyList<LoadedPlugin> plugins, CalcEngineOptions? options = null)
    {
        Registry = registry;
        DefinitionContext = context;
        Plugins = plugins;
        _shared = options?.Compilers ?? new Dictionary<ExpressionLanguage, IExpressionCompiler>();
        _perJob = options?.PerJobCompilers ?? new Dictionary<ExpressionLanguage, Func<IExpressionCompiler>>();
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
        return new CalcEngine(registry, context, loader.Loaded, options);
    }

    /// <summary>An engine over an existing registry with the compilers of <paramref name="options"/> (its plugin roots are not read).</summary>
    public static CalcEngine Create(OperatorRegistry registry, CalcEngineOptions options) =>
        new(registry, new DefinitionContext(new LanguageCompiler(options.Compilers)), [], options);

    /// <summary>An engine over an existing registry (tests, the SDK test kit).</summary>
    public static CalcEngine Create(OperatorRegistry registry, IExpressionCompiler compiler) =>
        new(registry, new DefinitionContext(compiler), []);

    /// <summary>Parses, validates and compiles a job; every problem goes to <paramref name="problems"/>.</summary>
    public CompiledJob? Compile(string json, ProblemList problems)
    {
        // Every problem at once: a job without an id or org still has its steps checked.
        var job = JobParser.ParseForCheck(json, problems);
        if (job is null)
        {
            return null;
        }

        var (context, owned) = ContextForJob();
        var compiled = JobCompiler.Compile(job, Registry, context, problems);
        if (compiled is null || !problems.IsEmpty)
        {
            foreach (var resource in owned)
            {
                resource.Dispose();
            }

            return null;
        }

        return compiled with { Owned = owned };
    }

    /// <summary>The definition context of one job: the shared compilers, and fresh ones for the per-job languages.</summary>
    private (IDefinitionContext Context, IReadOnlyList<IDisposable> Owned) ContextForJob()
    {
        if (_perJob.Count == 0)
        {
            return (DefinitionContext, []);
        }

        var compilers = new Dictionary<ExpressionLanguage, IExpressionCompiler>(_shared);
        var owned = new List<IDisposable>();
        foreach (var (language, create) in _perJob)
        {
            var compiler = create();
            compilers[language] = compiler;
            if (compiler is IDisposable disposable)
            {
                owned.Add(disposable);
            }
        }

        return (new DefinitionContext(new LanguageCompiler(compilers)), owned);
    }
}
