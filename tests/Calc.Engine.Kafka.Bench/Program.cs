using System.Diagnostics;
using Calc.Engine.Kafka;
using Calc.Engine.Kafka.Bench;
using Calc.Engine.State;
using Confluent.Kafka;

// Throughput of Calc's Kafka layer on the embedded broker:
//   dotnet run -c Release --project tests/Calc.Engine.Kafka.Bench -- [records=1000000] [partitions=24] [bootstrap]
//   dotnet run -c Release --project tests/Calc.Engine.Kafka.Bench -- serve-metrics [copies=80] [rounds=10] [calc]
//   dotnet run -c Release --project tests/Calc.Engine.Kafka.Bench -- serve-isolation [copies=80] [rounds=4] [calc]
// Without a bootstrap address the broker is embedded in this process (its CPU then counts against every
// step); with one, the topic is `calc-bench-in` and must exist with enough partitions for the volume,
// e.g. `calc broker --topics calc-bench-in:24,calc-bench-in-out:8` in another process.
if (args is ["serve-isolation", .. var isolationArgs])
{
    // The same job in calc serve's process and in a worker process (--isolation none / all), alternating.
    Environment.ExitCode = await ServeMetricsBench.IsolationAsync(isolationArgs);
    return;
}

if (args is ["serve-metrics", .. var serveArgs])
{
    // GET /metrics of a real `calc serve` under a full-speed stream, with and without a 1 s scrape (ServeMetricsBench).
    Environment.ExitCode = await ServeMetricsBench.RunAsync(serveArgs);
    return;
}

var records = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var partitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 24;

using var broker = new EmbeddedKafkaBroker();
var topic = $"calc-bench-{Guid.NewGuid():N}";
string bootstrap;
if (args.Length > 2)
{
    bootstrap = args[2];
    topic = "calc-bench-in";
    Console.WriteLine($"external broker {bootstrap}, {records:N0} point records");
}
else
{
    bootstrap = broker.Start();
    broker.CreateTopic(topic, partitions);
    Console.WriteLine($"embedded broker {bootstrap}, topic with {partitions} partitions, {records:N0} point records");
}

var producer = new ProducerConfig
{
    BootstrapServers = bootstrap,
    LingerMs = 5,
    BatchNumMessages = 10_000,
    // The mock broker keeps ~5 MB per partition; compressed batches keep all 1 M records.
    CompressionType = CompressionType.Lz4,
};
var clock = Stopwatch.StartNew();
long bytes;
using (var sink = new KafkaPointSink(new KafkaPointSinkOptions { Producer = producer, Topic = topic, JobId = "bench" }))
{
    bytes = BenchData.Produce(sink, records);
    sink.Flush();
}

Report("produce  KafkaPointSink (idempotent, lz4)", records, clock.Elapsed, $"{bytes / (double)records:F0} B/record JSON");

// The three readers take turns, `rounds` times, each in a new consumer group reading the whole topic:
// load from other processes on the shared machine then hits all of them alike. Best round reported.
var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
// Device state: an embedded Garnet with AOF, started once (its start is not throughput); emptied before each state round.
var stateDir = Path.Combine(Path.GetTempPath(), "calc-kafka-bench-state-" + Guid.NewGuid().ToString("N"));
var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = stateDir } });
var steps = new (string Name, string Note, Func<(long Count, string Extra)> Run)[]
{
    ("consume  bare Confluent IConsumer<Ignore, byte[]>", "no decoding", () => (BenchData.ConsumeBare(Consumer("bare"), topic, records), "")),
    ("consume  KafkaPointSource (decode to PointRecord)", "TryConsumeBatch(10000, 1s)", () => (BenchData.ConsumeSource(Consumer("source"), topic, records), "")),
    ("end to end  StreamingJobRunner (consume, process, produce)", "threshold + expression", () =>
    {
        var (read, outputs) = EndToEnd.Run(bootstrap, topic, records);
        return (read, $"{outputs:N0} outputs; ");
    }),
    ("end to end  with device state + checkpoints in Garnet (AOF)", "as calc run --state", () =>
    {
        state.Database.Execute("FLUSHALL");
        var sinks = new StateSinks(state);
        var (read, outputs) = EndToEnd.Run(bootstrap, topic, records, sinks, new GarnetPartitionCheckpointStore(state.Database, topic, "o1"));
        sinks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (read, $"{outputs:N0} outputs, {sinks.Stats.PointsWritten:N0} latest values in {sinks.Stats.HashWrites:N0} HSETs; ");
    }),
};
var best = new (double Rate, double CpuRate)[steps.Length];
var ratios = new List<double>();
var stateRatios = new List<double>();
var rates = new double[steps.Length];
for (var round = 1; round <= rounds; round++)
{
    for (var i = 0; i < steps.Length; i++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var (count, extra) = steps[i].Run();
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Report($"{steps[i].Name} #{round}", count, elapsed, $"{extra}{steps[i].Note}; {count / used.TotalSeconds:N0} records per CPU-second");
        best[i] = (Math.Max(best[i].Rate, count / elapsed.TotalSeconds), Math.Max(best[i].CpuRate, count / used.TotalSeconds));
        rates[i] = count / elapsed.TotalSeconds;
    }

    ratios.Add(rates[2] / rates[0]);
    stateRatios.Add(rates[3] / rates[2]);
    Console.WriteLine($"round {round}: end to end / bare = {ratios[^1]:P0}; with state / without = {stateRatios[^1]:P0}");
}

stateRatios.Sort();
Console.WriteLine($"end to end with device state / without, per round: {string.Join(", ", stateRatios.Select(r => r.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}; median {stateRatios[stateRatios.Count / 2]:P0}");

ratios.Sort();
Console.WriteLine($"end to end / bare consumer, per round (same load): {string.Join(", ", ratios.Select(r => r.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}; median {ratios[ratios.Count / 2]:P0}");

Console.WriteLine($"best of {rounds}: bare {best[0].Rate:N0}/s, source {best[1].Rate:N0}/s, end to end {best[2].Rate:N0}/s; end to end / bare = {best[2].Rate / best[0].Rate:P0} (wall), {best[2].CpuRate / best[0].CpuRate:P0} (per CPU-second of this process)");

await state.DisposeAsync();
Directory.Delete(stateDir, recursive: true);

clock.Restart();
var inMemory = BenchData.DecodeInMemory(records);
Report("decode   PointJsonReader in memory (no Kafka)", inMemory, clock.Elapsed, "same JSON");

ConsumerConfig Consumer(string name) => new()
{
    BootstrapServers = bootstrap,
    GroupId = $"bench-{name}-{Guid.NewGuid():N}",
    AutoOffsetReset = AutoOffsetReset.Earliest,
    EnableAutoCommit = false,
    SessionTimeoutMs = 6000,
};

static void Report(string what, long count, TimeSpan elapsed, string note) =>
    Console.WriteLine($"{what,-60} {count,10:N0} in {elapsed.TotalSeconds,6:F2} s = {count / elapsed.TotalSeconds,10:N0} records/s  ({note})");

