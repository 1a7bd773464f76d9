namespace Calc.Templates.Energy;

/// <summary>
/// The open bucket of one output of one asset: buckets only move forward (spans arrive in time
/// order), so at most one is open. <see cref="Open"/> is true once a span contributed to it.
/// </summary>
internal struct BucketTrack
{
    public bool Open;
    public long Start;
    public long End;
    public double Sum;

    /// <summary>An output carrying <see cref="EmittedSum"/> has been written for this bucket.</summary>
    public bool Emitted;
    public double EmittedSum;

    /// <summary>The last output written for this bucket was <c>final</c>.</summary>
    public bool Final;
}
