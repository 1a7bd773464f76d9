using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

public sealed class KafkaPointSourceRebalanceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldHandPartitionsOverFromTheLastSuccessfulCommitWhenAMemberJoins()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 2);
        var group = "g-" + Guid.NewGuid().ToString("N");
        KafkaPointSourceGroupTests.ProducePoints(fixture, topic, 20, assetPerPartition: true);
        using var a = TestKafka.Source(fixture.Bootstrap, topic, group);
        var pendingA = new Dictionary<TopicPartition, long>();
        var revokedFromA = 0;
        var committedOnRevoke = 0;
        a.PartitionsRevoked += (_, e) =>
        {
            // What the engine does: flush its sinks (none here), commit what it processed, forget the partitions.
            revokedFromA += e.Partitions.Count;
            var owned = e.Partitions.Where(pendingA.ContainsKey).ToDictionary(p => p, p => pendingA[p]);
            committedOnRevoke += a.Commit(owned);
            foreach (var p in e.Partitions)
            {
                pendingA.Remove(p);
            }
        };
        Assert.Equal(20, TestKafka.ConsumeRecords(a, 20, pendingA).Count);
        Assert.Equal(pendingA.Count, a.Commit(pendingA));
        pendingA.Clear();
        KafkaPointSourceGroupTests.ProducePoints(fixture, topic, 2, assetPerPartition: true, firstTime: 100);
        Assert.Equal(2, TestKafka.ConsumeRecords(a, 2, pendingA).Count);

        using var b = TestKafka.Source(fixture.Bootstrap, topic, group);
        var batch = new PointBatch();
        var seen = new List<SourcedPoint>();
        var deadline = DateTime.UtcNow + TestKafka.Patience;
        while (!(a.Assignment.Count == 1 && b.Assignment.Count == 1))
        {
            Assert.True(DateTime.UtcNow < deadline, $"assignment stayed {a.Assignment.Count}+{b.Assignment.Count}");
            Collect(a, batch, seen);
            Collect(b, batch, seen);
        }

        KafkaPointSourceGroupTests.ProducePoints(fixture, topic, 4, assetPerPartition: true, firstTime: 200);
        // A refused commit (the mock broker refuses commits while the group re-forms; a real one accepts
        // them) means the two uncommitted records are read again by their new owner: at-least-once.
        long[] expected = committedOnRevoke > 0 ? [200, 201, 202, 203] : [100, 101, 200, 201, 202, 203];
        while (seen.Select(r => r.Record.Time).Distinct().Count() < expected.Length && DateTime.UtcNow < deadline)
        {
            Collect(a, batch, seen);
            Collect(b, batch, seen);
        }

        Assert.True(revokedFromA >= 1, "A gave up no partition");
        Assert.Equal(committedOnRevoke == 0 ? 1 : 0, a.CommitsRejectedByRebalance);
        // Uncommitted records may be read more than once if the group re-forms again (still at-least-once);
        // the committed ones (times 0..19) are never read again.
        Assert.Equal(expected, seen.Select(r => r.Record.Time).Distinct().Order());
    }

    private static void Collect(KafkaPointSource source, PointBatch batch, List<SourcedPoint> seen)
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
