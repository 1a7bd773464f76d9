using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>A device model and the declared type of each of its points.</summary>
public sealed record ModelRecord(string Id, IReadOnlyDictionary<string, PointType> Points);
