namespace Calc.Sdk;

/// <summary>Where a plugin registers its operators. Each id must also be listed in the plugin's manifest.</summary>
public interface IPluginRegistry
{
    /// <summary>Registers a template or operator factory.</summary>
    /// <exception cref="InvalidOperationException">The id is already registered, or not in the manifest.</exception>
    void Add(IOperatorFactory factory);
}
