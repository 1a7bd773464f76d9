namespace Calc.Engine.Simulation;

/// <summary>What <see cref="RealDataConverter"/> keeps of a real data file, and the ids it gives the records.</summary>
public sealed record RealDataOptions
{
    /// <summary>The orgId of every record.</summary>
    public string OrgId { get; init; } = FleetOptions.DefaultOrgId;

    /// <summary>Points to keep (null: all four of the file).</summary>
    public IReadOnlySet<string>? Points { get; init; }

    /// <summary>Assets to keep (null: all); for the solar file these are SOURCE_KEY values.</summary>
    public IReadOnlySet<string>? Assets { get; init; }

    /// <summary>Keep rows at or after this event time, epoch ms.</summary>
    public long FromMs { get; init; } = long.MinValue;

    /// <summary>Keep rows before this event time, epoch ms.</summary>
    public long ToMs { get; init; } = long.MaxValue;

    /// <summary>Asset id of the wind file's single turbine.</summary>
    public string WindAssetId { get; init; } = "T1";

    /// <summary>Site id (<c>attr.siteId</c>) of the wind file's turbine; the file names no site.</summary>
    public string WindSiteId { get; init; } = "wind1";
}
