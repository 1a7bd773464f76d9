namespace Calc.Engine.Plugins;

/// <summary>The operator callback a plugin failed in (named in <see cref="PluginFailedException.Phase"/>).</summary>
internal enum PluginPhase : byte
{
    Process,
    CreateInstance,
    Open,
    OnWatermark,
    OnTimer,
    FlushAsset,
    FlushAll,
    WriteCheckpoint,
    RestoreCheckpoint,
    Close,
}
