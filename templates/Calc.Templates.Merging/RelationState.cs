namespace Calc.Templates.Merging;

/// <summary>How one relation of one asset resolved in the asset hierarchy; resolved once per asset.</summary>
internal enum RelationState : byte
{
    /// <summary>Not looked up yet.</summary>
    Unresolved,

    /// <summary>The related asset is known (its cache may still lack the point).</summary>
    Found,

    /// <summary>The asset has no parent, or no sibling of the model.</summary>
    None,

    /// <summary>More than one sibling of the model under the same parent.</summary>
    Ambiguous,

    /// <summary>Ambiguous, and already reported as a problem of the job (later skips are only counted).</summary>
    AmbiguousReported,
}
