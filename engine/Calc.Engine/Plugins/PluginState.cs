namespace Calc.Engine.Plugins;

/// <summary>Where an installed plugin version stands in a <see cref="PluginCatalog"/>.</summary>
public enum PluginState
{
    /// <summary>Loaded, and the version new jobs get.</summary>
    Active,

    /// <summary>Loaded, superseded by a newer version (or removed from disk), still used by running jobs; unloaded when the last one ends.</summary>
    Draining,

    /// <summary>Valid but not loaded: an older version than the active one, or unloaded after draining.</summary>
    Inactive,

    /// <summary>Refused: its manifest is invalid, it needs another SDK, or its code failed to load or register (see its problems). Retried when its folder changes.</summary>
    Failed,
}
