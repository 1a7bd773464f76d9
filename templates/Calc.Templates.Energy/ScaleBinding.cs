using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>A <c>scale</c>: a constant, or an asset attribute (missing or not a number ⇒ 1).</summary>
internal sealed record ScaleBinding(double Constant, string? Attribute)
{
    public static ScaleBinding One { get; } = new(1, null);

    public double Resolve(IAssetDirectory assets, string assetId)
    {
        if (Attribute is null)
        {
            return Constant;
        }

        return assets.TryGetAttribute(assetId, Attribute, out var value) && value.TryGetNumber(out var number) ? number : 1;
    }
}
