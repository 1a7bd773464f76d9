using Calc.Engine;
using Calc.Engine.Expressions;
using Calc.Engine.Scripting;
using Calc.Sdk;

namespace Calc.Host;

/// <summary>Builds the engine the commands use: plugin roots and rule compilers.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// Plugin roots: the built-in pack next to the program, the packs installed by <c>calc pack install</c>
    /// (<c>DATA/packs</c>), then <c>CALC_PLUGIN_ROOTS</c> (path-separated).
    /// </summary>
    public static IReadOnlyList<string> PluginRoots()
    {
        var roots = new List<string> { Path.Combine(AppContext.BaseDirectory, "plugins"), Commands.MetadataAccess.PacksRoot };
        var extra = Environment.GetEnvironmentVariable("CALC_PLUGIN_ROOTS");
        if (!string.IsNullOrWhiteSpace(extra))
        {
            roots.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return roots;
    }

    public static CalcEngine Create(TextWriter stderr)
    {
        var pluginProblems = new ProblemList();
        var engine = CalcEngine.Create(new CalcEngineOptions
        {
            PluginRoots = PluginRoots(),
            Compilers = new Dictionary<ExpressionLanguage, IExpressionCompiler> { [ExpressionLanguage.NCalc] = new NCalcExpressionCompiler() },

            // Each job compiles its scripts into its own collectible contexts, unloaded when the job is disposed.
            PerJobCompilers = new Dictionary<ExpressionLanguage, Func<IExpressionCompiler>> { [ExpressionLanguage.CSharpScript] = () => new CSharpScriptCompiler() },
        }, pluginProblems);
        foreach (var problem in pluginProblems.Items)
        {
            stderr.WriteLine($"calc: warning: {problem}");
        }

        return engine;
    }
}
