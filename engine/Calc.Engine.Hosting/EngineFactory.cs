using Calc.Engine;
using Calc.Engine.Expressions;
using Calc.Engine.Scripting;
using Calc.Sdk;

namespace Calc.Engine.Hosting;

/// <summary>Builds the engine the commands use: plugin roots and rule compilers.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// Plugin roots: the built-in pack next to the program, the packs installed by <c>calc pack install</c>
    /// (<c>DATA/packs</c>), then the <c>pluginRoots</c> setting (<c>CALC_PLUGIN_ROOTS</c>, path-separated).
    /// </summary>
    public static IReadOnlyList<string> PluginRoots() =>
        [Path.Combine(AppContext.BaseDirectory, "plugins"), DataDirectory.PacksRoot, .. HostSettings.Current.PluginRoots];

    public static CalcEngine Create(TextWriter stderr)
    {
        var pluginProblems = new ProblemList();
        var engine = CalcEngine.Create(RuleOptions() with { PluginRoots = PluginRoots() }, pluginProblems);
        foreach (var problem in pluginProblems.Items)
        {
            stderr.WriteLine($"calc: warning: {problem}");
        }

        return engine;
    }

    /// <summary>
    /// The rule compilers: NCalc shared by every job; C# scripts compiled per job into their own
    /// collectible contexts, unloaded when the job is disposed. Also for jobs compiled against a
    /// <c>PluginLease</c>'s registry (<c>calc serve</c>).
    /// </summary>
    public static CalcEngineOptions RuleOptions() => new()
    {
        Compilers = new Dictionary<ExpressionLanguage, IExpressionCompiler> { [ExpressionLanguage.NCalc] = new NCalcExpressionCompiler() },
        PerJobCompilers = new Dictionary<ExpressionLanguage, Func<IExpressionCompiler>> { [ExpressionLanguage.CSharpScript] = () => new CSharpScriptCompiler() },
    };
}
