using System.Collections.Concurrent;
using System.Globalization;
using Calc.Engine.Kafka;

namespace Calc.Host.Demo;

/// <summary>The live line <c>calc demo</c> prints: simulated time, points produced, per-job progress.</summary>
internal sealed class DemoProgress(TextWriter output)
{
    private readonly ConcurrentDictionary<string, StreamProgress> _jobs = new(StringComparer.Ordinal);
    private long _produced;
    private long _simulatedMs;
    private long _lastProduced;
    private DateTime _lastAt = DateTime.UtcNow;

    public long Produced => Interlocked.Read(ref _produced);

    public IReadOnlyDictionary<string, StreamProgress> Jobs => _jobs;

    public void OnProduced(long count, long simulatedMs)
    {
        Interlocked.Add(ref _produced, count);
        Interlocked.Exchange(ref _simulatedMs, simulatedMs);
    }

    public void OnJob(string jobId, StreamProgress progress) => _jobs[jobId] = progress;

    public void Print()
    {
        var now = DateTime.UtcNow;
        var produced = Produced;
        var rate = (produced - _lastProduced) / Math.Max(0.001, (now - _lastAt).TotalSeconds);
        (_lastProduced, _lastAt) = (produced, now);
        var simulated = DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _simulatedMs)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var jobs = string.Join("  ", _jobs.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j =>
            string.Create(CultureInfo.InvariantCulture, $"{j.Key}: {j.Value.Metrics.Read:N0} in/{j.Value.Metrics.Outputs:N0} out")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sim {simulated} UTC  points {produced:N0} ({rate:N0}/s)  {jobs}"));
    }
}
