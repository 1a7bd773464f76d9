using Calc.Sdk;

namespace Calc.Engine.Tsdb;

/// <summary>How the <see cref="TsdbWriterLoop"/> retries while the database is down.</summary>
public sealed class TsdbWriterLoopOptions
{
    /// <summary>Default wait after the first failed attempt.</summary>
    public static readonly TimeSpan DefaultInitialBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>Default longest wait between attempts.</summary>
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(30);

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

        if (MaxBackoff < InitialBackoff)
        {
            problems.Add(ProblemList.Join(path, "maxBackoff"), "must be at least initialBackoff");
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure: doubling, capped.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = InitialBackoff.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
