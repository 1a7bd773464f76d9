namespace Calc.Engine.Tsdb;

/// <summary>
/// What <see cref="SqliteTsdb.Export"/> reads back: the raw points of every stored series whose
/// <c>model::point</c> matches <see cref="Points"/> (the storage-policy patterns), optionally of one org and
/// some assets, over [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record TsdbExport
{
    /// <summary>Which series, as <c>model::point</c> patterns with <c>*</c> and <c>!</c> (<see cref="TsdbStorageOptions"/>).</summary>
    public required TsdbStorageOptions Points { get; init; }

    /// <summary>Only this org; null for every org.</summary>
    public string? OrgId { get; init; }

    /// <summary>Only these assets; empty for every asset.</summary>
    public IReadOnlyList<string> Assets { get; init; } = [];

    /// <summary>Inclusive start, epoch ms; null for the beginning.</summary>
    public long? From { get; init; }

    /// <summary>Exclusive end, epoch ms; null for no end.</summary>
    public long? To { get; init; }
}
