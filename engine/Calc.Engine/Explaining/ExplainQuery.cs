using Calc.Sdk;

namespace Calc.Engine.Explaining;

/// <summary>The output key <c>calc explain</c> is asked about: an asset, an output point and the output's time (Unix ms).</summary>
public sealed record ExplainQuery(string AssetId, PointRef Point, long Time);
