using Calc.Sdk;

namespace Calc.Engine.Tracing;

/// <summary>Which records are traced: one asset, optionally one point (<c>model::point</c> or <c>point</c>) and a time range (Unix ms, inclusive).</summary>
public sealed record TraceFilter(string AssetId, string? Point = null, long From = long.MinValue, long To = long.MaxValue)
{
    /// <summary>Parses <c>ASSET[:POINT]</c>; the point may itself be <c>model::point</c>.</summary>
    public static TraceFilter Parse(string text, long from = long.MinValue, long to = long.MaxValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new TraceFilter(text, null, from, to) : new TraceFilter(text[..colon], text[(colon + 1)..], from, to);
    }

    /// <summary>True for records of the traced asset, point and time range.</summary>
    public bool Matches(in PointRecord record)
    {
        if (record.Time < From || record.Time > To || !string.Equals(record.AssetId, AssetId, StringComparison.Ordinal))
        {
            return false;
        }

        if (Point is null)
        {
            return true;
        }

        var sep = Point.IndexOf("::", StringComparison.Ordinal);
        return sep < 0
            ? string.Equals(record.PointId, Point, StringComparison.Ordinal)
            : string.Equals(record.ModelId, Point[..sep], StringComparison.Ordinal) && string.Equals(record.PointId, Point[(sep + 2)..], StringComparison.Ordinal);
    }
}
