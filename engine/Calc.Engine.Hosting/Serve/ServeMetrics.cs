using System.Diagnostics;
using System.Diagnostics.Metrics;
using Calc.Engine.Hosting.Stores;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// The instruments of <c>calc serve</c> (meter <see cref="MeterName"/>), exported on <c>GET /metrics</c>.
/// Everything but the latency histogram is observable: read at scrape time from the counters the jobs
/// keep anyway (their progress reports, about once a second), so metrics cost nothing per record. The
/// histogram gets one value per processed batch. docs/metrics.md lists every metric.
/// </summary>
internal sealed class ServeMetrics : IDisposable
{
    public const string MeterName = "Calc.Serve";

    /// <summary>Bucket bounds of the processing latency (seconds).</summary>
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Meter _meter = new(MeterName);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Meter> _latencyMeters = new(StringComparer.Ordinal);
    private Func<List<JobSample>> _jobs = () => [];

    /// <summary>
    /// What a job's runner calls once per batch with the batch's latency (seconds). Each job's histogram
    /// lives in a meter of its own, so that <see cref="Forget"/> takes its series out of <c>/metrics</c>
    /// when the job is deleted (an instrument's tag sets are otherwise kept for the life of the process).
    /// </summary>
    public Action<double> LatencyRecorder(string job, string org)
    {
        var meter = _latencyMeters.GetOrAdd(job, _ => new Meter(MeterName));
        var histogram = meter.CreateHistogram("calc.job.processing_latency", "s",
            "Kafka message timestamp to outputs produced, of the oldest record of each processed batch",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        var tags = new TagList { { "job", job }, { "org", org } };
        return seconds => histogram.Record(seconds, tags);
    }

    /// <summary>A deleted job: its latency series leave <c>/metrics</c> (its observable series go with its sample).</summary>
    public void Forget(string job)
    {
        if (_latencyMeters.TryRemove(job, out var meter))
        {
            meter.Dispose();
        }
    }

    /// <summary>Registers the observable instruments over the jobs, the TSDB writer and the state store (those configured).</summary>
    public void Observe(JobSupervisor jobs, TopicTsdbWriter? tsdb, StateServices? state)
    {
        _jobs = jobs.Samples;
        JobCounters();
        JobGauges();
        if (tsdb is not null)
        {
            Tsdb(tsdb);
        }

        if (state is not null)
        {
            State(state);
        }
    }

    public void Dispose()
    {
        _meter.Dispose();
        foreach (var meter in _latencyMeters.Values)
        {
            meter.Dispose();
        }
    }

    private void JobCounters()
    {
        _meter.CreateObservableCounter("calc.job.records", () => PerJob(s => s.Metrics?.Read), "{record}", "Records read from the input topic");
        _meter.CreateObservableCounter("calc.job.outputs", () => PerJob(s => s.Metrics?.Outputs), "{record}", "Output records produced");
        _meter.CreateObservableCounter("calc.job.rule_errors", () => PerJob(s => s.Metrics?.Get("skipped.ruleError")), "{record}", "Records a rule could not be evaluated on (skipped.ruleError)");
        _meter.CreateObservableCounter("calc.job.rejected", () => PerJob(s => s.Progress?.DeadLettered, "reason", "malformed"), "{record}", "Records rejected, by reason (malformed: not a point record, sent to the dead-letter topic)");
        _meter.CreateObservableCounter("calc.job.filtered", () => ByReason("filtered."), "{record}", "Records filtered out, by reason");
        _meter.CreateObservableCounter("calc.job.skipped", () => ByReason("skipped.", "excluded.", "tooLate"), "{record}", "Records skipped or excluded, by reason");
        _meter.CreateObservableCounter("calc.job.produce_errors", () => PerJob(s => s.Progress?.ProduceFailed), "{record}", "Outputs whose delivery to Kafka failed");
        _meter.CreateObservableCounter("calc.job.failures", () => PerJob(s => s.Failures), "{failure}", "Times the job failed since it was last started");
    }

    private void JobGauges()
    {
        _meter.CreateObservableGauge("calc.job.running", () => PerJob(s => s.State == ServedJobState.Running ? 1 : 0), "1", "1 while the job runs (also while paused), 0 when it is starting, failed or stopped");
        _meter.CreateObservableGauge("calc.job.event_time_lag_worst", () => PerJobSeconds(s => s.Progress?.EventLagWorstMs), "s", "Wall clock minus the oldest asset watermark");
        _meter.CreateObservableGauge("calc.job.event_time_lag_p99", () => PerJobSeconds(s => s.Progress?.EventLagP99Ms), "s", "99th percentile over assets of wall clock minus the asset's watermark");
        _meter.CreateObservableGauge("calc.job.checkpoint_age", CheckpointAge, "s", "Time since the job's last checkpoint (offsets committed)");
        _meter.CreateObservableGauge("calc.job.last_output", LastOutput, "s", "When the job last produced an output (Unix seconds)");
        _meter.CreateObservableGauge("calc.job.consumer_lag", ConsumerLag, "{message}", "Messages of the input topic not yet read, per partition");
    }

    private void Tsdb(TopicTsdbWriter tsdb)
    {
        _meter.CreateObservableGauge("calc.tsdb.queue", () => Math.Max(0, tsdb.Read - tsdb.NotPoints - tsdb.Stats.RecordsCommitted), "{record}", "Point records read from the output topic and not yet acknowledged by the database");
        _meter.CreateObservableCounter("calc.tsdb.written", () => tsdb.Counters.Written, "{point}", "Points written to the database");
        _meter.CreateObservableCounter("calc.tsdb.skipped", () => new Measurement<long>[]
        {
            new(tsdb.Counters.SkippedByPolicy, new KeyValuePair<string, object?>("reason", "policy")),
            new(tsdb.Counters.SkippedByCalMode, new KeyValuePair<string, object?>("reason", "calMode")),
            new(tsdb.Counters.SkippedNotNumeric, new KeyValuePair<string, object?>("reason", "notNumeric")),
            new(tsdb.Counters.SkippedBadName, new KeyValuePair<string, object?>("reason", "badName")),
            new(tsdb.Counters.RejectedByDatabase, new KeyValuePair<string, object?>("reason", "rejectedByDatabase")),
            new(tsdb.NotPoints, new KeyValuePair<string, object?>("reason", "notPointRecord")),
        }, "{point}", "Points not written, by reason");
        _meter.CreateObservableCounter("calc.tsdb.failed_attempts", () => tsdb.Stats.FailedAttempts, "{attempt}", "Database writes that failed and were retried");
        _meter.CreateObservableGauge("calc.tsdb.last_success", () => tsdb.Stats.LastCommittedAtMs == 0 ? [] : new[] { new Measurement<double>(tsdb.Stats.LastCommittedAtMs / 1000.0) }, "s", "When the database last acknowledged a batch (Unix seconds)");
        _meter.CreateObservableGauge("calc.tsdb.database_down", () => tsdb.Stats.DatabaseDown ? 1 : 0, "1", "1 while the current batch keeps failing");
    }

    private void State(StateServices state)
    {
        _meter.CreateObservableGauge("calc.state.queue", () => state.Latest.Stats.Pending, "{value}", "Latest values buffered for the state store, not yet written");
        _meter.CreateObservableCounter("calc.state.flushes", () => state.Flushes, "{flush}", "State flushes (one per barrier of every job)");
        _meter.CreateObservableCounter("calc.state.flush_time", () => state.FlushTime.TotalSeconds, "s", "Time spent flushing state to the store, retries included");
        _meter.CreateObservableCounter("calc.state.failed_flushes", () => state.Latest.Stats.FailedFlushes, "{flush}", "Flush rounds that failed (their values were kept and retried)");
        _meter.CreateObservableCounter("calc.state.points_written", () => state.Latest.Stats.PointsWritten, "{value}", "Latest values written to the state store");
    }

    private List<Measurement<long>> PerJob(Func<JobSample, long?> value, string? tag = null, string? tagValue = null)
    {
        var samples = _jobs();
        var measurements = new List<Measurement<long>>(samples.Count);
        foreach (var s in samples)
        {
            if (value(s) is { } v)
            {
                measurements.Add(tag is null ? new(v, Tags(s)) : new(v, Tags(s, tag, tagValue)));
            }
        }

        return measurements;
    }

    private List<Measurement<double>> PerJobSeconds(Func<JobSample, long?> milliseconds)
    {
        var samples = _jobs();
        var measurements = new List<Measurement<double>>(samples.Count);
        foreach (var s in samples)
        {
            if (milliseconds(s) is { } ms and >= 0)
            {
                measurements.Add(new(ms / 1000.0, Tags(s)));
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ByReason(params string[] prefixes)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var s in _jobs())
        {
            if (s.Metrics is null)
            {
                continue;
            }

            foreach (var (name, value) in s.Metrics.Counters)
            {
                var prefix = Array.Find(prefixes, p => name.StartsWith(p, StringComparison.Ordinal));
                if (prefix is not null && name != "skipped.ruleError")
                {
                    // The reason is the counter's name past its prefix (a fixed set in the code: otherOrg, select, quality …).
                    var reason = name.Length > prefix.Length && prefix.EndsWith('.') ? name[prefix.Length..] : name;
                    measurements.Add(new(value, Tags(s, "reason", reason)));
                }
            }
        }

        return measurements;
    }

    private List<Measurement<double>> CheckpointAge()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return PerJobSeconds(s => s.State == ServedJobState.Running && s.Progress is { LastCheckpointMs: > 0 } p ? Math.Max(0, now - p.LastCheckpointMs) : null);
    }

    private List<Measurement<double>> LastOutput()
    {
        var measurements = new List<Measurement<double>>();
        foreach (var s in _jobs())
        {
            if (s.LastOutputAt is { } at)
            {
                measurements.Add(new(at.ToUnixTimeMilliseconds() / 1000.0, Tags(s)));
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ConsumerLag()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var s in _jobs())
        {
            if (s.State != ServedJobState.Running || s.Progress?.PartitionLags is not { } lags)
            {
                continue;
            }

            foreach (var lag in lags)
            {
                measurements.Add(new(lag.Lag, Tags(s, "partition", lag.Partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return measurements;
    }

    private static KeyValuePair<string, object?>[] Tags(JobSample s) => [new("job", s.Id), new("org", s.Org)];

    private static KeyValuePair<string, object?>[] Tags(JobSample s, string tag, string? value) => [new("job", s.Id), new("org", s.Org), new(tag, value)];
}
