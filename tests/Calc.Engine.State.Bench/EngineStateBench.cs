using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.State.Bench;

/// <summary>
/// Two measurements with a real job (hourly window averages and energy from instant power, the
/// built-in templates loaded as plugins), 10,000 assets by default:
/// <list type="bullet">
/// <item><c>engine</c>: the engine's throughput over the same records without state, and with device
/// state as <c>calc run --state</c> wires it (every input through the <see cref="StateFeed"/> to the
/// latest-value writer and the connection tracker, every output to the writer; embedded Garnet with AOF):
/// while streaming, and with the final drain and flush counted.</item>
/// <item><c>recovery</c>: a job's lanes (4 partitions) checkpointed into the embedded Garnet through
/// <see cref="GarnetPartitionCheckpointStore"/>, the server stopped, then timed: restart of Garnet with
/// recovery, loading and restoring every partition, and the first record processed.</item>
/// </list>
/// </summary>
internal static class EngineStateBench
{
    private const string Job = """
        {"id":"bench","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"15m"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_15M"}]}]}
        """;

    private const int Partitions = 4;

    /// <summary>The writer's flush interval (<c>CALC_BENCH_FLUSH_MS</c>, default 100 ms as in production).</summary>
    private static TimeSpan FlushInterval => TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("CALC_BENCH_FLUSH_MS"), CultureInfo.InvariantCulture, out var ms) ? ms : 100);

    public static CompiledJob CompileJob()
    {
        var problems = new ProblemList();
        var engine = CalcEngine.Create(new CalcEngineOptions { PluginRoots = [Path.Combine(AppContext.BaseDirectory, "plugins")] }, problems);
        var job = engine.Compile(Job, problems);
        if (job is null)
        {
            throw new InvalidOperationException(string.Join("; ", problems.Items));
        }

        return job;
    }

    /// <summary>Records: per pass every asset sends <paramref name="points"/> points (ActivePower first) at one time, 10 s later each pass.</summary>
    public static PointRecord[] Records(int assets, int points, int total)
    {
        var ids = Enumerable.Range(0, assets).Select(a => "T" + a.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
        var pointIds = Enumerable.Range(0, points).Select(p => p == 0 ? "ActivePower" : "P" + p.ToString("D2", CultureInfo.InvariantCulture)).ToArray();
        var attr = PointAttributes.Parse("""{"siteId":"wf1"}""");
        var records = new PointRecord[total];
        for (var n = 0; n < total; n++)
        {
            var pass = n / (assets * points);
            records[n] = new PointRecord
            {
                OrgId = "o1",
                ModelId = "turbine",
                AssetId = ids[n / points % assets],
                PointId = pointIds[n % points],
                Time = 1_514_764_800_000 + (pass * 10_000L),
                Value = PointValue.FromNumber(1000 + (n % 997)),
                Attr = attr,
            };
        }

        return records;
    }

    public static async Task EngineAsync(int assets, int points, int total, int rounds, string parts = "both")
    {
        var job = CompileJob();
        var records = Records(assets, points, total);
        Console.WriteLine($"engine with and without device state: {assets:N0} assets x {points} points, {total:N0} records, {rounds} rounds, job: 1h average + energy (templates as plugins)");
        for (var round = 0; round < rounds; round++)
        {
            var without = RunLane(job, records, null);
            var dir = Path.Combine(Path.GetTempPath(), "calc-state-bench-" + Guid.NewGuid().ToString("N"));
            await using var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = dir } });
            await using var latest = new DeviceStateWriter(state.Database, new DeviceStateWriterOptions { FlushInterval = FlushInterval });
            await using var tracker = new ConnectionTracker(state.Database, new ConnectionTrackerOptions(), _ => { });
            tracker.Start();
            using var feed = new StateFeed(latest, parts == "latest" ? null : tracker);
            var watch = Stopwatch.StartNew();
            var with = RunLane(job, records, feed);
            var streamed = watch.Elapsed;
            feed.Drain();
            await latest.FlushAsync();
            await tracker.FlushAsync();
            var withElapsed = watch.Elapsed;
            var outputs = with.Outputs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: without state {total / without.Elapsed.TotalSeconds,10:N0} records/s; with state (AOF) {total / streamed.TotalSeconds,10:N0} records/s = {without.Elapsed / streamed:P0} while streaming, {total / withElapsed.TotalSeconds,10:N0} records/s = {without.Elapsed / withElapsed:P0} with the final drain + flush ({(withElapsed - streamed).TotalMilliseconds:N0} ms); state absorbed {(total + outputs) / withElapsed.TotalSeconds:N0} points/s ({total:N0} inputs + {outputs:N0} outputs; {latest.Stats.PointsWritten:N0} fields in {latest.Stats.HashWrites:N0} HSETs; lane waited on a full ring {feed.FullWaits:N0} times; the feed applied {feed.Applied:N0} records in {feed.Busy.TotalMilliseconds:N0} ms = {feed.Busy.TotalNanoseconds / Math.Max(1, feed.Applied):N0} ns each)"));
            await state.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The hand-off alone: the lane copies every record into a ring that another thread empties without applying anything.</summary>
    public static void RingOnly(int assets, int points, int total, int rounds)
    {
        var job = CompileJob();
        var records = Records(assets, points, total);
        for (var round = 0; round < rounds; round++)
        {
            var without = RunLane(job, records, null);
            var ring = new Internal.ObservationRing(16_384);
            var stop = false;
            var consumer = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    var end = ring.Peek(out _, out _);
                    ring.Release(end);
                    Thread.Sleep(1);
                }
            });
            consumer.Start();
            var sink = new CountingSink();
            var lane = new JobInstance(job, sink);
            lane.Open();
            var watch = Stopwatch.StartNew();
            long waits = 0;
            foreach (ref readonly var r in records.AsSpan())
            {
                while (!ring.TryAdd(in r))
                {
                    waits++;
                    Thread.Yield();
                }

                lane.Process(in r);
            }

            lane.FlushAll();
            var elapsed = watch.Elapsed;
            Volatile.Write(ref stop, true);
            consumer.Join();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: without {total / without.Elapsed.TotalSeconds,10:N0} records/s; with the ring hand-off only {total / elapsed.TotalSeconds,10:N0} records/s = {without.Elapsed / elapsed:P0} ({waits:N0} waits)"));
        }
    }

    public static async Task RecoveryAsync(int assets, int points)
    {
        var job = CompileJob();
        var dir = Path.Combine(Path.GetTempPath(), "calc-state-bench-" + Guid.NewGuid().ToString("N"));
        var records = Records(assets, points, assets * points * 20);
        var lanes = Enumerable.Range(0, Partitions).Select(_ => new JobInstance(job, NullSink.Instance)).ToArray();
        foreach (var lane in lanes)
        {
            lane.Open();
        }

        foreach (ref readonly var r in records.AsSpan())
        {
            lanes[(int)((uint)r.AssetId.GetHashCode() % Partitions)].Process(in r);
        }

        var watch = Stopwatch.StartNew();
        long bytes = 0;
        await using (var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = dir } }))
        {
            var store = new GarnetPartitionCheckpointStore(state.Database, "points", "o1");
            watch.Restart();
            for (var p = 0; p < Partitions; p++)
            {
                var json = StateJson(lanes[p]);
                bytes += json.Length;
                store.Save("bench", p, new PartitionCheckpoint(1_000_000 + p, json, 0));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recovery: {assets:N0} assets ({records.Length:N0} records processed over {Partitions} partitions); checkpoint {bytes / 1e6:F1} MB of JSON saved in {watch.ElapsedMilliseconds} ms"));
        }

        // The engine is "restarted": Garnet recovers from its AOF/checkpoint, every partition is restored, the first new record processed.
        var probe = records[^1] with { Time = records[^1].Time + 10_000 };
        watch.Restart();
        await using (var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = dir } }))
        {
            var started = watch.ElapsedMilliseconds;
            var store = new GarnetPartitionCheckpointStore(state.Database, "points", "o1");
            var sink = new CountingSink();
            var restored = new JobInstance[Partitions];
            long loaded = 0;
            for (var p = 0; p < Partitions; p++)
            {
                var checkpoint = store.Load("bench", p) ?? throw new InvalidOperationException($"no checkpoint for partition {p}");
                loaded += checkpoint.StateJson.Length;
                restored[p] = new JobInstance(job, sink);
                restored[p].Open();
                using var doc = JsonDocument.Parse(checkpoint.StateJson);
                restored[p].RestoreCheckpoint(doc.RootElement);
            }

            var restoredAt = watch.ElapsedMilliseconds;
            restored[(int)((uint)probe.AssetId.GetHashCode() % Partitions)].Process(in probe);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"restart to first record processed: {watch.ElapsedMilliseconds} ms (Garnet start + recovery {started} ms, load + restore of {loaded / 1e6:F1} MB {restoredAt - started} ms, first record {watch.ElapsedMilliseconds - restoredAt} ms; it produced {sink.Count} outputs)"));
        }

        Directory.Delete(dir, recursive: true);
    }

    private static (TimeSpan Elapsed, long Outputs) RunLane(CompiledJob job, PointRecord[] records, StateFeed? feed)
    {
        var sink = new CountingSink(feed);
        var lane = new JobInstance(job, sink);
        lane.Open();
        var watch = Stopwatch.StartNew();
        foreach (ref readonly var r in records.AsSpan())
        {
            feed?.Add(in r);
            lane.Process(in r);
        }

        lane.FlushAll();
        lane.Close();
        return (watch.Elapsed, sink.Count);
    }

    private static string StateJson(JobInstance lane)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            lane.WriteCheckpoint(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class NullSink : IOutputSink
    {
        public static readonly NullSink Instance = new();

        public void Write(in PointRecord record)
        {
        }

        public void Flush()
        {
        }
    }

    private sealed class CountingSink(StateFeed? feed = null) : IOutputSink
    {
        public long Count { get; private set; }

        public void Write(in PointRecord record)
        {
            Count++;
            feed?.AddOutput(in record);
        }

        public void Flush()
        {
        }
    }
}
