using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>One stored point, or one aggregated bucket (then <see cref="Time"/> is the bucket start).</summary>
public readonly record struct TsdbSample(string OrgId, string ModelId, string AssetId, string PointId, long Time, PointValue Value);
