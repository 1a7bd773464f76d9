namespace Calc.Sdk;

/// <summary>A point named in a job as <c>model::point</c>.</summary>
/// <param name="ModelId">The device model.</param>
/// <param name="PointId">The point of that model.</param>
public readonly record struct PointRef(string ModelId, string PointId)
{
    /// <summary>Parses <c>model::point</c>; both parts must be non-empty.</summary>
    public static bool TryParse(string? text, out PointRef point)
    {
        point = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var split = text.IndexOf("::", StringComparison.Ordinal);
        if (split <= 0 || split + 2 >= text.Length || text.IndexOf("::", split + 2, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        point = new PointRef(text[..split], text[(split + 2)..]);
        return true;
    }

    /// <summary>True when <paramref name="record"/> is a record of this point.</summary>
    public bool Matches(in PointRecord record) =>
        string.Equals(record.PointId, PointId, StringComparison.Ordinal)
        && string.Equals(record.ModelId, ModelId, StringComparison.Ordinal);

    /// <summary><c>model::point</c>.</summary>
    public override string ToString() => ModelId + "::" + PointId;
}
