using System.Text;
using Calc.Engine.Kafka;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>Helpers shared by the Kafka tests: unique names, configs, raw producing and consuming.</summary>
internal static class TestKafka
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static string NewTopic(EmbeddedKafkaBroker broker, int partitions, bool withDeadLetter = false)
    {
        var topic = $"calc-test-{Guid.NewGuid():N}";
        broker.CreateTopic(topic, partitions);
        if (withDeadLetter)
        {
            broker.CreateTopic(topic + ".dlq", 1);
        }

        return topic;
    }

    public static ConsumerConfig Consumer(string bootstrap, string group) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = group,
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 500,
    };

    public static ProducerConfig Producer(string bootstrap) => new() { BootstrapServers = bootstrap, LingerMs = 1 };

    public static KafkaPointSource Source(string bootstrap, string topic, string group, string? jobId = null) =>
        new(new KafkaPointSourceOptions { Consumer = Consumer(bootstrap, group), Topic = topic, JobId = jobId });

    /// <summary>Produces raw message values (null key unless given) and waits for every delivery.</summary>
    public static void ProduceRaw(string bootstrap, string topic, params (string? Key, byte[] Value)[] messages)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(Producer(bootstrap)).Build();
        foreach (var (key, value) in messages)
        {
            producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = value }).GetAwaiter().GetResult();
        }
    }

    public static (string? Key, byte[] Value) Json(string key, string json) => (key, Encoding.UTF8.GetBytes(json));

    public static PointRecord Point(string asset, string point, long time, double value) => new()
    {
        OrgId = "o1",
        ModelId = "inverter",
        AssetId = asset,
        PointId = point,
        Time = time,
        Value = PointValue.FromNumber(value),
    };

    /// <summary>Consumes batches until <paramref name="count"/> records arrived (or fails after the patience).</summary>
    public static List<SourcedPoint> ConsumeRecords(KafkaPointSource source, int count, Dictionary<TopicPartition, long>? pending = null)
    {
        var batch = new PointBatch();
        var records = new List<SourcedPoint>();
        var deadline = DateTime.UtcNow + Patience;
        while (records.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {records.Count} of {count} records arrived");
            if (source.TryConsumeBatch(count - records.Count, TimeSpan.FromMilliseconds(200), batch))
            {
                foreach (var p in batch.Records)
                {
                    records.Add(p);
                }

                if (pending is not null)
                {
                    batch.MergeNextOffsetsInto(pending);
                }
            }
        }

        return records;
    }

    /// <summary>Reads <paramref name="count"/> messages of partition 0 from the start, without a group.</summary>
    public static List<ConsumeResult<string?, string>> ReadPartition(string bootstrap, string topic, int count)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "reader-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string?, string>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var results = new List<ConsumeResult<string?, string>>();
        var deadline = DateTime.UtcNow + Patience;
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }
}
