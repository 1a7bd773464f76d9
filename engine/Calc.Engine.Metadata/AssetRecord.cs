using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>An asset's master data: its org (empty: any org), id, model, attributes and parent in the asset hierarchy (null: none).</summary>
public sealed record AssetRecord(string Org, string Id, string? Model, IReadOnlyDictionary<string, PointValue> Attributes, string? Parent = null);
