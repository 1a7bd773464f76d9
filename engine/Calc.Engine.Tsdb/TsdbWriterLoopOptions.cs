using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>How the <see cref="TsdbWriterLoop"/> retries while the database is down.</summary>
public sealed class TsdbWriterLoopOptions
{
    /// <summary>Default wait after the first failed attempt.</summary>
    public static readonly TimeSpan DefaultInitialBackoff = Calc.Engine.Runtime.Backoff.Tsdb.Initial;

    /// <summary>Default longest wait between attempts.</summary>
    public static readonly TimeSpan DefaultMaxBackoff = Calc.Engine.Runtime.Backoff.Tsdb.Max;

    /// <summary>Default for <see cref="MaxRecordsPerWrite"/>.</summary>
    public const int DefaultMaxRecordsPerWrite = 100_000;

    /// <summary>
    /// When several batches are already waiting, they are written together up to this many records: a
    /// database write has a fixed cost (a SQLite commit rewrites the last page of every series it
    /// touches), so catching up goes faster in large writes.
    /// </summary>
    public int MaxRecordsPerWrite { get; set; } = DefaultMaxRecordsPerWrite;

    /// <summary>Wait after the first failed attempt; doubled after each further failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = DefaultInitialBackoff;

    /// <summary>The wait between attempts never exceeds this.</summary>
    public TimeSpan MaxBackoff { get; set; } = DefaultMaxBackoff;

    /// <summary>Reports every invalid setting.</summary>
    public void Validate(ProblemList problems, string path = "tsdb.retry")
    {
        if (InitialBackoff <= TimeSpan.Zero)
        {
            problems.Add(ProblemList.Join(path, "initialBackoff"), "must be positive");
        }

        if (MaxRecordsPerWrite < 1)
        {
            problems.Add(ProblemList.Join(path, "maxRecordsPerWrite"), "must be at least 1");
        }

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add(ProblemList.Join(path, "maxBackoff"), "must be at least initialBackoff");
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure: doubling, capped.</summary>
    public TimeSpan BackoffAfter(int failures) => new Calc.Engine.Runtime.Backoff(InitialBackoff, MaxBackoff).After(failures);
}
