using Calc.Sdk;

namespace Calc.Engine.Tsdb.Tests;

/// <summary>A writer that fails while <see cref="Down"/> is set (or for the first N calls) and records what it acknowledged.</summary>
internal sealed class FlakyWriter(int failFirst = 0) : ITsdbWriter
{
    private int _calls;

    public volatile bool Down;

    public List<PointRecord> Acknowledged { get; } = [];

    public List<int> WriteSizes { get; } = [];

    public int Calls => _calls;

    public TsdbWriteCounters Counters { get; } = new();

    public Task WriteAsync(IReadOnlyList<PointRecord> batch, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Down || call <= failFirst)
        {
            throw new TsdbWriteException("connection refused", isRefusal: false);
        }

        lock (Acknowledged)
        {
            Acknowledged.AddRange(batch);
            WriteSizes.Add(batch.Count);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
