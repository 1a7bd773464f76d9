namespace Calc.Templates.Merging;

/// <summary>A referenced point: model ("" for a bare <c>[name]</c>, which matches any model) and point id.</summary>
internal readonly record struct SlotKey(string Model, string Point)
{
    public static SlotKey Parse(string reference)
    {
        var split = reference.IndexOf("::", StringComparison.Ordinal);
        return split < 0 ? new SlotKey("", reference) : new SlotKey(reference[..split], reference[(split + 2)..]);
    }

    public override string ToString() => Model.Length == 0 ? Point : Model + "::" + Point;
}
