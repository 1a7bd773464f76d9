using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>Latest value of every referenced point of one asset; never goes back in time.</summary>
internal sealed class AssetCache(string orgId, string modelId, string assetId, int slots)
{
    public string OrgId { get; } = orgId;

    public string ModelId { get; } = modelId;

    public string AssetId { get; } = assetId;

    public long[] Times { get; } = new long[slots];

    public PointValue[] Values { get; } = new PointValue[slots];

    public bool[] Seen { get; } = new bool[slots];

    /// <summary>Stores a value unless a newer one is already known.</summary>
    public void Update(int slot, long time, PointValue value)
    {
        if (Seen[slot] && time < Times[slot])
        {
            return;
        }

        Seen[slot] = true;
        Times[slot] = time;
        Values[slot] = value;
    }
}
