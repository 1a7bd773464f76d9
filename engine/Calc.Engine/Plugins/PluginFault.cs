namespace Calc.Engine.Plugins;

/// <summary>Where a plugin operator failed: which job, step, callback and asset.</summary>
internal readonly record struct PluginFault(string JobId, string StepPath, string OperatorId, PluginIdentity Plugin, string Phase, string? AssetId);
