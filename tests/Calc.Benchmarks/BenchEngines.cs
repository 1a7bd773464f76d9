using Calc.Engine;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;
using Calc.Templates.Merging;
using Calc.Templates.Windows;

namespace Calc.Benchmarks;

/// <summary>An engine with the built-in window and merging templates, registered from their plugin entry points.</summary>
internal static class BenchEngines
{
    public static CalcEngine Create()
    {
        var registry = new OperatorRegistry();
        foreach (var factory in PluginFactories.All(new WindowsPlugin()).Concat(PluginFactories.All(new MergingPlugin())))
        {
            registry.Register(factory, null, "builtin", "1.0.0");
        }

        return CalcEngine.Create(registry, TestCompilers.Default);
    }

    public static CompiledJob Compile(string json)
    {
        var problems = new ProblemList();
        return Create().Compile(json, problems) ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
    }

    internal sealed class NullSink : IOutputSink
    {
        public long Count;

        public void Write(in PointRecord record) => Count++;

        public void Flush()
        {
        }
    }
}
