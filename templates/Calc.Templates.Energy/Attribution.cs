namespace Calc.Templates.Energy;

/// <summary>How the energy of a span that crosses bucket boundaries is attributed.</summary>
internal enum Attribution
{
    /// <summary>Divided between the buckets it overlaps (by time, or exactly along the power line).</summary>
    Split,

    /// <summary>All of it in the bucket holding the span's end (the reference product's behaviour).</summary>
    End,
}
