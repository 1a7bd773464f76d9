using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.State;
using Calc.Sdk;
using StackExchange.Redis;

// Measures how many point updates per second the latest-value writer absorbs into an embedded Garnet
// with AOF on, next to raw pipelined HSETs in the same run, and checkpoint save/load of 10,000 assets.
// Usage: dotnet run -c Release --project tests/Calc.Engine.State.Bench -- [assets] [points] [updates]
if (args is ["engine", ..])
{
    var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    await Calc.Engine.State.Bench.EngineStateBench.EngineAsync(n, 10, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000_000, 3, args.Length > 3 ? args[3] : "both");
    return;
}

if (args is ["recovery", ..])
{
    await Calc.Engine.State.Bench.EngineStateBench.RecoveryAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000, 10);
    return;
}

if (args is ["ring", ..])
{
    Calc.Engine.State.Bench.EngineStateBench.RingOnly(10_000, 10, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12_000_000, 3);
    return;
}

if (args is ["apply", ..])
{
    // CPU cost of applying records on the feed's thread (no Garnet writes during the loop): writer, tracker, both.
    var recs = Calc.Engine.State.Bench.EngineStateBench.Records(10_000, 10, 4_000_000);
    Console.WriteLine($"a PointRecord is {System.Runtime.CompilerServices.Unsafe.SizeOf<PointRecord>()} bytes (a ring slot)");
    await using var mem = await StateConnection.OpenAsync(new StateConnectionOptions());
    for (var round = 0; round < 3; round++)
    {
        await using var w = new DeviceStateWriter(mem.Database, new DeviceStateWriterOptions { FlushInterval = TimeSpan.FromHours(1), MaxPendingPoints = int.MaxValue });
        await using var t = new ConnectionTracker(mem.Database, new ConnectionTrackerOptions(), _ => { });
        foreach (var (name, apply) in new (string, Action<ReadOnlySpan<PointRecord>>)[] { ("writer", w.ObserveMany), ("tracker", t.ObserveMany) })
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < recs.Length; i += 4096)
            {
                apply(recs.AsSpan(i, Math.Min(4096, recs.Length - i)));
            }

            Console.WriteLine($"round {round} {name}: {Stopwatch.GetElapsedTime(t0).TotalNanoseconds / recs.Length:F0} ns per record");
        }
    }

    return;
}

if (args is ["observe"])
{
    await using var mem = await StateConnection.OpenAsync(new StateConnectionOptions());
    await using var w = new DeviceStateWriter(mem.Database, new DeviceStateWriterOptions { FlushInterval = TimeSpan.FromHours(1), MaxPendingPoints = int.MaxValue });
    var ids = Enumerable.Range(0, 10_000).Select(a => "A" + a.ToString(CultureInfo.InvariantCulture)).ToArray();
    var pts = Enumerable.Range(0, 10).Select(a => "P" + a.ToString(CultureInfo.InvariantCulture)).ToArray();
    for (var round = 0; round < 5; round++)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var t0 = Stopwatch.GetTimestamp();
        for (var n = 0; n < 2_000_000; n++)
        {
            w.Observe(new PointRecord { OrgId = "o", ModelId = "m", AssetId = ids[(n / 10) % 10_000], PointId = pts[n % 10], Time = n, Value = PointValue.FromNumber(n) });
        }

        var ns = Stopwatch.GetElapsedTime(t0).TotalNanoseconds / 2_000_000;
        Console.WriteLine($"round {round}: {ns:F0} ns per Observe wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalNanoseconds / 2_000_000:F0} ns CPU");
    }

    return;
}

var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var points = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var updates = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000_000;
var dir = Path.Combine(Path.GetTempPath(), "calc-state-bench-" + Guid.NewGuid().ToString("N"));
var pointIds = Enumerable.Range(0, points).Select(p => "P" + p.ToString("D2", CultureInfo.InvariantCulture)).ToArray();
var assetIds = Enumerable.Range(0, assets).Select(a => "A" + a.ToString("D6", CultureInfo.InvariantCulture)).ToArray();
Console.WriteLine($"{assets} assets x {points} points, {updates:N0} updates; embedded Garnet, AOF on, data dir {dir}");

var lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
var sw = Stopwatch.StartNew();
var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = dir } });
Console.WriteLine($"start: {sw.ElapsedMilliseconds} ms");
var db = state.Database;

await RawHsetAsync("raw-warmup", Math.Min(updates, 200_000), fieldsPerCommand: 1);
Mark();
Report("raw HSET, 1 field per command (pipelined, 8192 in flight)", updates, await RawHsetAsync("raw1", updates, fieldsPerCommand: 1));
Mark();
Report($"raw HSET, {points} fields per command (pipelined, 8192 in flight)", updates, await RawHsetAsync("rawN", updates, fieldsPerCommand: points));
await WriterAsync("writer-warmup", Math.Min(updates, 200_000), useScript: false);
Mark();
Report("DeviceStateWriter.Observe alone (buffer only, nothing written meanwhile)", updates, (await WriterAsync("observe-only", updates, useScript: false, observeOnly: true)).Item1);
Mark();
var (elapsed, stats) = await WriterAsync("writer", updates, useScript: false);
Report($"DeviceStateWriter.Observe + final FlushAsync ({stats.HashWrites:N0} HSETs, {stats.PointsWritten:N0} fields written)", updates, elapsed);
Mark();
Report($"raw HSET, {points} fields per command, every update a distinct (asset, point)", updates, await RawHsetAsync("raw-distinct", updates, fieldsPerCommand: points, distinct: true));
Mark();
(elapsed, stats) = await WriterAsync("writer-distinct-noexpire", updates, useScript: false, distinct: true, expire: false);
Report($"DeviceStateWriter, distinct, IdleExpiry off", updates, elapsed);
Mark();
(elapsed, stats) = await WriterAsync("writer-distinct", updates, useScript: false, distinct: true);
Report($"DeviceStateWriter, every update a distinct (asset, point): {updates / points:N0} assets, nothing to coalesce ({stats.HashWrites:N0} HSETs, {stats.PointsWritten:N0} fields written)", updates, elapsed);
Mark();
(elapsed, stats) = await WriterAsync("writer-lua", updates, useScript: true);
Report($"DeviceStateWriter, UseScript ({stats.HashWrites:N0} scripts, {stats.PointsWritten:N0} fields written)", updates, elapsed);
await CheckpointAsync();

sw.Restart();
await state.DisposeAsync();
Console.WriteLine($"stop (checkpoint on dispose): {sw.ElapsedMilliseconds} ms; data dir {DirSize(dir) / 1e6:F0} MB");
sw.Restart();
await using (var again = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = dir } }))
{
    Console.WriteLine($"restart with recovery: {sw.ElapsedMilliseconds} ms; {await again.Database.HashLengthAsync(StateKeys.Latest("writer", assetIds[^1]))} fields in the last asset's hash");
}

Directory.Delete(dir, recursive: true);
return;

void Mark() => lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

async Task<TimeSpan> RawHsetAsync(string org, int total, int fieldsPerCommand, bool distinct = false)
{
    var ids = distinct ? Enumerable.Range(0, total / points).Select(a => "D" + a.ToString("D7", CultureInfo.InvariantCulture)).ToArray() : assetIds;
    var inflight = new List<Task>(8192);
    var watch = Stopwatch.StartNew();
    for (var n = 0; n < total; n += fieldsPerCommand)
    {
        var asset = (n / points) % ids.Length;
        var entries = new HashEntry[fieldsPerCommand];
        for (var f = 0; f < fieldsPerCommand; f++)
        {
            var p = (n + f) % points;
            entries[f] = new HashEntry(pointIds[p], LatestValueJson.Serialize(1_700_000_000_000 + (n / (assets * points)), PointValue.FromNumber(n * 0.5), 0));
        }

        inflight.Add(db.HashSetAsync(StateKeys.Latest(org, ids[asset]), entries));
        if (inflight.Count == 8192)
        {
            await Task.WhenAll(inflight);
            inflight.Clear();
        }
    }

    await Task.WhenAll(inflight);
    return watch.Elapsed;
}

async Task<(TimeSpan, DeviceStateWriterStats)> WriterAsync(string org, int total, bool useScript, bool observeOnly = false, bool distinct = false, bool expire = true)
{
    var ids = distinct ? Enumerable.Range(0, total / points).Select(a => "D" + a.ToString("D7", CultureInfo.InvariantCulture)).ToArray() : assetIds;
    var options = observeOnly
        ? new DeviceStateWriterOptions { FlushInterval = TimeSpan.FromHours(1), MaxPendingPoints = int.MaxValue }
        : new DeviceStateWriterOptions { UseScript = useScript, IdleExpiry = expire ? TimeSpan.FromDays(7) : null };
    var writer = new DeviceStateWriter(db, options);
    var watch = Stopwatch.StartNew();
    for (var n = 0; n < total; n++)
    {
        var record = new PointRecord
        {
            OrgId = org,
            ModelId = "inverter",
            AssetId = ids[(n / points) % ids.Length],
            PointId = pointIds[n % points],
            Time = 1_700_000_000_000 + (n / (ids.Length * points) * 1000L),
            Value = PointValue.FromNumber(n * 0.5),
        };
        writer.Observe(record);
    }

    var observed = watch.Elapsed;
    if (observeOnly)
    {
        await writer.DisposeAsync();
        return (observed, writer.Stats);
    }

    await writer.FlushAsync();
    var elapsed = watch.Elapsed;
    Console.WriteLine($"  (Observe calls took {observed.TotalSeconds:F2} s, the last flush {(elapsed - observed).TotalSeconds:F2} s)");
    var stats = writer.Stats;
    await writer.DisposeAsync();
    return (elapsed, stats);
}

async Task CheckpointAsync()
{
    var store = new CheckpointStore(db);
    var watch = Stopwatch.StartNew();
    var blob = Checkpoint.WriteState(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("energy");
        foreach (var a in assetIds)
        {
            w.WriteStartObject(a);
            foreach (var p in pointIds)
            {
                w.WriteStartObject(p);
                w.WriteNumber("anchor", 123456.789);
                w.WriteNumber("anchorTime", 1_700_000_000_000);
                w.WriteNumber("prevTime", 1_700_000_060_000);
                w.WriteNumber("bucket", 12.5);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
    var serialize = watch.Elapsed;
    var positions = Enumerable.Range(0, 24).ToDictionary(p => "points/" + p.ToString(CultureInfo.InvariantCulture), p => 1_000_000L + p);
    watch.Restart();
    await store.SaveAsync(new Checkpoint("bench-job", blob, positions) { OrgId = "writer" });
    var save = watch.Elapsed;
    watch.Restart();
    var loaded = await store.LoadAsync("bench-job");
    var load = watch.Elapsed;
    watch.Restart();
    using var doc = JsonDocument.Parse(loaded!.State);
    var parse = watch.Elapsed;
    Console.WriteLine($"checkpoint of {assetIds.Length:N0} assets x {pointIds.Length} points ({blob.Length / 1e6:F1} MB): " +
        $"serialize {serialize.TotalMilliseconds:F0} ms, save {save.TotalMilliseconds:F0} ms, load {load.TotalMilliseconds:F0} ms, parse {parse.TotalMilliseconds:F0} ms; " +
        $"{doc.RootElement.GetProperty("energy").EnumerateObject().Count():N0} assets back");
}

void Report(string what, int total, TimeSpan elapsed)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var used = cpu - lastCpu;
    lastCpu = cpu;
    Console.WriteLine($"{what}: {total:N0} updates in {elapsed.TotalSeconds:F2} s = {total / elapsed.TotalSeconds:N0} points/s " +
        $"(process CPU {used.TotalSeconds:F1} s incl. Garnet; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
}

static long DirSize(string path) =>
    Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
