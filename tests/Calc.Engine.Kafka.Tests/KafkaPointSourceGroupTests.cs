using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

public sealed class KafkaPointSourceGroupTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldSplitPartitionsBetweenTwoMembersOfAGroup()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 4);
        var group = "g-" + Guid.NewGuid().ToString("N");
        using var a = TestKafka.Source(fixture.Bootstrap, topic, group);
        var revokedFromA = 0;
        a.PartitionsRevoked += (_, e) => revokedFromA += e.Partitions.Count;
        var batch = new PointBatch();
        var deadline = DateTime.UtcNow + TestKafka.Patience;
        while (a.Assignment.Count < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "A alone never got the 4 partitions");
            a.TryConsumeBatch(100, TimeSpan.FromMilliseconds(50), batch);
        }

        using var b = TestKafka.Source(fixture.Bootstrap, topic, group);
        while (!(a.Assignment.Count == 2 && b.Assignment.Count == 2))
        {
            Assert.True(DateTime.UtcNow < deadline, $"assignment stayed {a.Assignment.Count}+{b.Assignment.Count}");
            a.TryConsumeBatch(100, TimeSpan.FromMilliseconds(50), batch);
            b.TryConsumeBatch(100, TimeSpan.FromMilliseconds(50), batch);
        }

        ProducePoints(fixture, topic, 40);
        var seenA = new List<SourcedPoint>();
        var seenB = new List<SourcedPoint>();
        while (seenA.Count + seenB.Count < 40)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {seenA.Count + seenB.Count} of 40 records arrived");
            Drain(a, batch, seenA);
            Drain(b, batch, seenB);
        }

        var partitionsA = a.Assignment.Select(p => p.Partition.Value).ToHashSet();
        var partitionsB = b.Assignment.Select(p => p.Partition.Value).ToHashSet();
        Assert.Empty(partitionsA.Intersect(partitionsB));
        Assert.Equal([0, 1, 2, 3], partitionsA.Union(partitionsB).Order());
        Assert.All(seenA, r => Assert.Contains(r.Partition, partitionsA));
        Assert.All(seenB, r => Assert.Contains(r.Partition, partitionsB));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), seenA.Concat(seenB).Select(r => r.Record.Time).Order());
        Assert.True(revokedFromA >= 2, $"A gave up {revokedFromA} partitions");
    }

    [Fact]
    public void ShouldReportLagPerPartition()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 2);
        ProducePoints(fixture, topic, 14, assetPerPartition: true);
        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(10, TestKafka.ConsumeRecords(source, 10).Count);
        var lag = source.GetLag(TimeSpan.FromSeconds(5));

        Assert.Equal([0, 1], lag.Select(l => l.Partition.Partition.Value));
        Assert.Equal(14, lag.Sum(l => l.HighWatermark));
        Assert.Equal(10, lag.Sum(l => l.Position));
        Assert.Equal(4, lag.Sum(l => l.Lag));
    }

    internal static void ProducePoints(BrokerFixture fixture, string topic, int count, bool assetPerPartition = false, int firstTime = 0)
    {
        var messages = Enumerable.Range(0, count).Select(i => TestKafka.Json(
            assetPerPartition ? $"A{i % 2}" : $"INV{i % 8:00}",
            $$"""{"orgId":"o1","modelId":"m","assetId":"INV{{i % 8:00}}","pointId":"P","time":{{firstTime + i}},"value":{{i}}}""")).ToArray();
        TestKafka.ProduceRaw(fixture.Bootstrap, topic, messages);
    }

    private static void Drain(KafkaPointSource source, PointBatch batch, List<SourcedPoint> seen)
    {
        if (source.TryConsumeBatch(100, TimeSpan.FromMilliseconds(50), batch))
        {
            foreach (var p in batch.Records)
            {
                seen.Add(p);
            }
        }
    }
}
