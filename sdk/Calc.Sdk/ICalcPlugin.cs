namespace Calc.Sdk;

/// <summary>
/// The one entry point of a plugin assembly, named in its manifest (<c>entryType</c>). It must have a
/// public parameterless constructor. Calc does not scan assemblies for types.
/// </summary>
public interface ICalcPlugin
{
    /// <summary>Registers the plugin's templates and operators. Throwing here fails the plugin's load with the message shown to the admin.</summary>
    void Register(IPluginRegistry registry);
}
