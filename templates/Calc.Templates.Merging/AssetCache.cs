using Calc.Sdk;

namespace Calc.Templates.Merging;

/// <summary>
/// Latest value of every referenced point of one asset; never goes back in time. It also remembers, per
/// relation of the job (<c>sibling.weather</c>, <c>parent.plant</c>), the related asset's cache once resolved.
/// </summary>
internal sealed class AssetCache(string orgId, string modelId, string assetId, int slots, int relations)
{
    public string OrgId { get; private set; } = orgId;

    public string ModelId { get; private set; } = modelId;

    public string AssetId { get; } = assetId;

    public long[] Times { get; } = new long[slots];

    public PointValue[] Values { get; } = new PointValue[slots];

    public bool[] Seen { get; } = new bool[slots];

    /// <summary>False for the cache of an asset only read as a relative that has sent no record yet.</summary>
    public bool FromRecords { get; private set; } = true;

    /// <summary>The related asset's cache of each relation, once resolved (null when it has none).</summary>
    public AssetCache?[] Related { get; } = relations == 0 ? [] : new AssetCache?[relations];

    /// <summary>How each relation resolved (<see cref="RelationState"/>).</summary>
    public RelationState[] Resolved { get; } = relations == 0 ? [] : new RelationState[relations];

    /// <summary>Per relation: the assets whose relation resolved to this asset (its relatives), in the order they resolved; null when none.</summary>
    public List<AssetCache>?[] Dependents { get; } = relations == 0 ? [] : new List<AssetCache>?[relations];

    /// <summary>Whether the relations that trigger rules have been resolved for this asset (so that it is among its relatives' dependents).</summary>
    public bool Linked { get; set; }

    /// <summary>Registers <paramref name="relative"/> as an asset whose relation <paramref name="r"/> is this asset.</summary>
    public void AddDependent(int r, AssetCache relative) => (Dependents[r] ??= []).Add(relative);

    /// <summary>An empty cache for an asset that rules read as a relative before it sent any record.</summary>
    public static AssetCache Placeholder(string orgId, string modelId, string assetId, int slots, int relations) =>
        new(orgId, modelId, assetId, slots, relations) { FromRecords = false };

    /// <summary>The asset's first record: its own org and model replace those guessed for a placeholder.</summary>
    public void Claim(string orgId, string modelId)
    {
        OrgId = orgId;
        ModelId = modelId;
        FromRecords = true;
    }

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
