using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>A plugin that loaded: its manifest, folder and the operators it registered.</summary>
public sealed record LoadedPlugin(PluginManifest Manifest, string Directory, IReadOnlyList<string> Operators);
