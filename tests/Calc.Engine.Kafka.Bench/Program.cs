using System.Diagnostics;
using Calc.Engine.Kafka;
using Calc.Engine.Kafka.Bench;
using Confluent.Kafka;

// Throughput of Calc's Kafka layer on the embedded broker:
//   dotnet run -c Release --project tests/Calc.Engine.Kafka.Bench -- [records=1000000] [partitions=24]
var records = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var partitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 24;

using var broker = new EmbeddedKafkaBroker();
var bootstrap = broker.Start();
var topic = $"calc-bench-{Guid.NewGuid():N}";
broker.CreateTopic(topic, partitions);
Console.WriteLine($"embedded broker {bootstrap}, topic with {partitions} partitions, {records:N0} point records");

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

var consumer = new ConsumerConfig
{
    BootstrapServers = bootstrap,
    GroupId = "bench-bare-" + Guid.NewGuid().ToString("N"),
    AutoOffsetReset = AutoOffsetReset.Earliest,
    EnableAutoCommit = false,
    SessionTimeoutMs = 6000,
};
clock.Restart();
var bare = BenchData.ConsumeBare(consumer, topic, records);
Report("consume  bare Confluent IConsumer<Ignore, byte[]>", bare, clock.Elapsed, "no decoding");

consumer.GroupId = "bench-source-" + Guid.NewGuid().ToString("N");
clock.Restart();
var decoded = BenchData.ConsumeSource(consumer, topic, records);
Report("consume  KafkaPointSource (decode to PointRecord)", decoded, clock.Elapsed, "TryConsumeBatch(10000, 1s)");

clock.Restart();
var inMemory = BenchData.DecodeInMemory(records);
Report("decode   PointJsonReader in memory (no Kafka)", inMemory, clock.Elapsed, "same JSON");

static void Report(string what, long count, TimeSpan elapsed, string note) =>
    Console.WriteLine($"{what,-52} {count,10:N0} in {elapsed.TotalSeconds,6:F2} s = {count / elapsed.TotalSeconds,10:N0} records/s  ({note})");

