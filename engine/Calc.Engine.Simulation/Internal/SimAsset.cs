using Calc.Sdk;

namespace Calc.Engine.Simulation.Internal;

/// <summary>Identity and fault state of one simulated asset.</summary>
internal abstract class SimAsset
{
    private long _outageUntil = long.MinValue;

    protected SimAsset(string assetId, string siteId, Rng rng, int pointCount)
    {
        AssetId = assetId;
        Rng = rng;
        Attr = PointAttributes.Parse("{\"siteId\":\"" + siteId + "\"}");
        LastReported = new double[pointCount];
    }

    public string AssetId { get; }

    /// <summary>One attributes object per asset, shared by all its records.</summary>
    public PointAttributes Attr { get; }

    public Rng Rng { get; }

    /// <summary>The last value emitted per point: what a frozen sensor keeps repeating.</summary>
    public double[] LastReported { get; }

    public int StuckPoint { get; private set; } = -1;

    public long StuckUntil { get; private set; } = long.MinValue;

    public double StuckValue { get; private set; }

    /// <summary>True when this asset is silent at <paramref name="t"/>; may start an outage.</summary>
    public bool InOutage(long t, FaultPlan plan, TickWriter writer)
    {
        if (t < _outageUntil)
        {
            return true;
        }

        if (Rng.Chance(plan.AssetGap))
        {
            _outageUntil = t + (long)Rng.LogUniform(plan.GapMinMs, plan.GapMaxMs);
            writer.CountAssetGap();
            return true;
        }

        return false;
    }

    /// <summary>May freeze one of <paramref name="candidates"/> at its last reported value.</summary>
    public void MaybeStick(long t, FaultPlan plan, ReadOnlySpan<int> candidates, TickWriter writer)
    {
        if (t < StuckUntil || !Rng.Chance(plan.Stuck))
        {
            return;
        }

        StuckPoint = candidates[Rng.NextInt(candidates.Length)];
        StuckValue = LastReported[StuckPoint];
        StuckUntil = t + (long)Rng.LogUniform(plan.StuckMinMs, plan.StuckMaxMs);
        writer.CountStuck();
    }
}
