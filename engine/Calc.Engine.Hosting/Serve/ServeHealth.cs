using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Hosting.Stores;
using Confluent.Kafka;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// Readiness of <c>calc serve</c> (<c>GET /health/ready</c>): Kafka answers a metadata request, the state
/// store takes a write (with <c>--state</c>), the TSDB writer runs and is not behind by more than
/// <see cref="TsdbBehindLimit"/> (with <c>--tsdb</c>), and every job that should run runs. Each check
/// logs a change of its state once (a component that fails, then recovers, gives two lines). Thread-safe.
/// </summary>
internal sealed class ServeHealth(JobSupervisor jobs, string servers, KafkaSettings kafka, Action<string> report) : IDisposable
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, bool> _last = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(new AdminClientConfig(kafka.AdminConfig(servers)) { SocketTimeoutMs = 2_000 }).Build());

    /// <summary>The TSDB writer (with <c>--tsdb</c>) and its running loop.</summary>
    public (TopicTsdbWriter Writer, Func<Task?> Running)? Tsdb { get; set; }

    /// <summary>The device state store (with <c>--state</c>).</summary>
    public StateServices? State { get; set; }

    /// <summary>How long the TSDB writer may hold unacknowledged points without a successful write before the service is not ready.</summary>
    public TimeSpan TsdbBehindLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a lane may stay on one batch before its job is not ready (for the message; the jobs measure it).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks every component, logs those whose state changed, and returns them all.</summary>
    public async Task<IReadOnlyList<HealthComponent>> CheckAsync()
    {
        var components = new List<HealthComponent> { await Task.Run(Kafka) };
        if (State is { } state)
        {
            components.Add(await StateAsync(state));
        }

        if (Tsdb is { } tsdb)
        {
            components.Add(TsdbWriter(tsdb.Writer, tsdb.Running()));
        }

        components.AddRange(Jobs());
        Log(components);
        return components;
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private HealthComponent Kafka()
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(CheckTimeout);
            return metadata.Brokers.Count > 0
                ? new HealthComponent("kafka", true, $"{metadata.Brokers.Count} broker(s) at {servers}")
                : new HealthComponent("kafka", false, $"no broker answered at {servers}");
        }
        catch (KafkaException ex)
        {
            return new HealthComponent("kafka", false, $"{servers} does not answer: {ex.Message}");
        }
    }

    private static async Task<HealthComponent> StateAsync(StateServices state)
    {
        try
        {
            var write = state.Connection.Database.StringSetAsync("calc:health:serve", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), TimeSpan.FromMinutes(1));
            if (await Task.WhenAny(write, Task.Delay(CheckTimeout)) != write || !await write)
            {
                return new HealthComponent("state", false, $"{state.Connection.Endpoint} did not take a write within {CheckTimeout.TotalSeconds:0} s");
            }

            return new HealthComponent("state", true, $"{state.Connection.Endpoint} writable");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthComponent("state", false, $"{state.Connection.Endpoint} does not take writes: {ex.Message}");
        }
    }

    private HealthComponent TsdbWriter(TopicTsdbWriter writer, Task? running)
    {
        if (running is null || running.IsCompleted)
        {
            var why = writer.Error?.Message ?? running?.Exception?.GetBaseException().Message ?? "it is not running";
            return new HealthComponent("tsdb", false, $"the writer to {writer.Description} stopped: {why}");
        }

        var pending = Math.Max(0, writer.Read - writer.NotPoints - writer.Stats.RecordsCommitted);
        var last = writer.Stats.LastCommittedAtMs == 0 ? _started : DateTimeOffset.FromUnixTimeMilliseconds(writer.Stats.LastCommittedAtMs);
        var behind = pending == 0 ? TimeSpan.Zero : DateTimeOffset.UtcNow - last;
        if (behind > TsdbBehindLimit)
        {
            var error = writer.Stats.DatabaseDown ? $": {writer.Stats.LastError}" : "";
            return new HealthComponent("tsdb", false, string.Create(CultureInfo.InvariantCulture,
                $"{pending} point record(s) waiting, no write acknowledged for {behind.TotalSeconds:0} s (limit {TsdbBehindLimit.TotalSeconds:0} s){error}"));
        }

        return new HealthComponent("tsdb", true, string.Create(CultureInfo.InvariantCulture, $"writing to {writer.Description}; {pending} point record(s) waiting"));
    }

    private IEnumerable<HealthComponent> Jobs()
    {
        foreach (var status in jobs.Statuses())
        {
            yield return Lanes(status) ?? ByState(status);
        }

        foreach (var status in jobs.DeletedWithAbandonedLanes())
        {
            yield return Lanes(status)!;
        }
    }

    /// <summary>A lane stuck now, or abandoned by a stop and still running: the job is not ready, whatever its state.</summary>
    private HealthComponent? Lanes(JobStatus status)
    {
        var name = "job:" + status.Id;
        if (status.Stalled is { } stall)
        {
            var what = stall.Partition < 0 ? "a lane has been on one batch (before its first record)" : string.Create(CultureInfo.InvariantCulture, $"lane of partition {stall.Partition} has been on one record (offset {stall.Offset})");
            return new HealthComponent(name, false, string.Create(CultureInfo.InvariantCulture,
                $"{what} for {stall.Seconds:0.#} s without progress (stall timeout {StallTimeout.TotalSeconds:0.#} s): a plugin or rule may loop on it; POST /jobs/{status.Id}/stop abandons the lane, leaving its records uncommitted"));
        }

        if (status.Abandoned is [var lane, ..])
        {
            var where = lane.Partition < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" of partition {lane.Partition} (stuck on offset {lane.Offset})");
            return new HealthComponent(name, false, $"{status.State}; the lane{where} abandoned at {lane.At:u} still runs on its thread and may hold a core until it returns (restarting calc serve ends it)"
                + (status.Abandoned.Count > 1 ? $"; {status.Abandoned.Count} lanes abandoned in all" : ""));
        }

        return null;
    }

    private static HealthComponent ByState(JobStatus status)
    {
        var name = "job:" + status.Id;
        return status.State switch
        {
            "running" => new HealthComponent(name, true, "running"),
            "stopped" => new HealthComponent(name, true, status.Source is null ? "stopped (no Kafka source)" : "stopped through the API"),
            "paused" => new HealthComponent(name, true, $"paused through the API (POST /jobs/{status.Id}/resume reads on)"),
            "failed" => new HealthComponent(name, false, $"failed {status.Failures} time(s): {status.Error}"),
            _ => new HealthComponent(name, false, status.State),
        };
    }

    private void Log(List<HealthComponent> components)
    {
        lock (_gate)
        {
            foreach (var c in components)
            {
                if (c.Detail == "starting")
                {
                    // A job being (re)started is not ready, but that is not a change worth a line.
                    continue;
                }

                var known = _last.TryGetValue(c.Name, out var wasOk);
                if ((!known && !c.Ok) || (known && wasOk != c.Ok))
                {
                    report($"calc serve: health: {c.Name} is {(c.Ok ? "ok again" : "failing")}: {c.Detail}");
                }

                _last[c.Name] = c.Ok;
            }
        }
    }
}
