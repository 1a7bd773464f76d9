using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// A factory registered by a loaded plugin. The definitions it returns are marked with the plugin, so
/// that the engine runs their operators behind a guard: an exception inside them fails only the job,
/// naming the plugin (<see cref="PluginFailedException"/>).
/// </summary>
internal sealed class PluginOperatorFactory(IOperatorFactory inner, PluginIdentity plugin) : IOperatorFactory
{
    public IOperatorFactory Inner => inner;

    public PluginIdentity Plugin => plugin;

    public string Id => inner.Id;

    public OperatorKind Kind => inner.Kind;

    public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems)
    {
        var definition = inner.Define(spec, context, problems);
        return definition is null ? null : new PluginOperatorDefinition(definition, plugin);
    }
}
