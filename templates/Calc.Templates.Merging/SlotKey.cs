namespace Calc.Templates.Merging;

/// <summary>
/// A referenced point: model ("" for a bare <c>[name]</c>, which matches any model) and point id. A model
/// with a dot is a relation: <c>sibling.weather::IRRADIATION</c> is point IRRADIATION of the asset's
/// sibling of model weather, <c>parent.plant::P</c> point P of its parent (of model plant).
/// </summary>
internal readonly record struct SlotKey(string Model, string Point)
{
    /// <summary>The relation word of the asset's parent.</summary>
    public const string Parent = "parent";

    /// <summary>The relation word of the one asset of a model under the same parent.</summary>
    public const string Sibling = "sibling";

    /// <summary>Whether the key names a point of a related asset (its model part has a dot).</summary>
    public bool IsRelation => Model.Contains('.', StringComparison.Ordinal);

    /// <summary>The relation word of a relation key (<c>parent</c>, <c>sibling</c>, or an unknown word check refuses).</summary>
    public string Relation => Model[..Model.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The model of the related asset of a relation key.</summary>
    public string RelatedModel => Model[(Model.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>The key of the related asset's own point, whose latest value a relation key reads.</summary>
    public SlotKey Source => new(RelatedModel, Point);

    public static SlotKey Parse(string reference)
    {
        var split = reference.IndexOf("::", StringComparison.Ordinal);
        return split < 0 ? new SlotKey("", reference) : new SlotKey(reference[..split], reference[(split + 2)..]);
    }

    public override string ToString() => Model.Length == 0 ? Point : Model + "::" + Point;
}
