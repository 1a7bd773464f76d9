using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>
/// A meter's allowed <c>slope</c> (reading units per hour): an interval, or an asset attribute giving
/// the upper bound of <c>[0, attribute]</c>. No slope, or a missing, non-numeric or negative attribute,
/// leaves the rate unlimited (<c>[0,+inf)</c> for the attribute form, which keeps its lower bound 0).
/// </summary>
internal sealed record SlopeBinding(Interval? Range, string? Attribute)
{
    public static SlopeBinding Unlimited { get; } = new(null, null);

    /// <summary>As trace lines give it: <c>[0,2000]</c>, <c>[0, attribute maxRate]</c> or <c>unlimited</c>.</summary>
    public string Describe() => Attribute is not null ? $"[0, attribute {Attribute}]" : Range?.ToString() ?? "unlimited";

    public bool Allows(IAssetDirectory assets, string assetId, double slope)
    {
        if (Attribute is null)
        {
            return Range is not { } range || range.Contains(slope);
        }

        if (assets.TryGetAttribute(assetId, Attribute, out var value) && value.TryGetNumber(out var upper) && upper >= 0)
        {
            return slope >= 0 && slope <= upper;
        }

        return slope >= 0;
    }
}
