using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>An operator known to the registry, with the plugin that provided it.</summary>
public sealed record RegisteredOperator(IOperatorFactory Factory, OperatorManifest? Manifest, string PluginId, string PluginVersion);
