using System.Collections.Concurrent;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>
/// A forwarder killed after producing and before committing makes its successor produce the same records
/// again: the lane that owns the group drops every record whose origin (input partition, position) it has
/// already passed, and keeps the others in order.
/// </summary>
public sealed class RepartitionDuplicateTests
{
    [Fact]
    public void ShouldDropCopiesOfRecordsAlreadyProcessedFromTheSameInputPartition()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        var input = TestKafka.NewTopic(broker, 3);
        var id = "dup-" + Guid.NewGuid().ToString("N")[..8];
        broker.CreateTopic(id + "-group-repartition", 1);

        // Input partition 0: offsets 10, 11 (two records), then the copies a restarted forwarder produced from offset 10, then offset 12.
        // Input partition 1 has its own positions: offset 10 there is a different record.
        Produce(servers, id + "-group-repartition",
            (RecordOrigin.Of(0, 10, 0), 1), (RecordOrigin.Of(0, 11, 0), 2), (RecordOrigin.Of(0, 11, 1), 3),
            (RecordOrigin.Of(1, 10, 0), 4),
            (RecordOrigin.Of(0, 10, 0), 1), (RecordOrigin.Of(0, 11, 0), 2), (RecordOrigin.Of(0, 11, 1), 3),
            (RecordOrigin.Of(0, 12, 0), 5));

        var seen = new ConcurrentQueue<long>();
        var registry = new OperatorRegistry();
        registry.Register(new Recorder(seen), null, "test", "1.0.0");
        var job = CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>()))
            .Compile("{\"id\":\"" + id + "\",\"orgId\":\"o1\",\"pipeline\":[{\"op\":\"asset-group-aggregation\"}]}", new ProblemList())!;
        var runner = new StreamingJobRunner(job, new StreamingOptions
        {
            Consumer = TestKafka.Consumer(servers, "g-" + Guid.NewGuid().ToString("N")),
            Producer = TestKafka.Producer(servers),
            InputTopic = input,
            OutputTopic = input + "-out",
            WriteBackToInput = false,
            IdleExit = TimeSpan.FromSeconds(2),
        });

        runner.Run(CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4, 5], seen);
        Assert.Equal(3, runner.RepartitionDuplicates);
    }

    private static void Produce(string servers, string topic, params (RecordOrigin Origin, long Time)[] records)
    {
        using var producer = new ProducerBuilder<string, string>(TestKafka.Producer(servers)).Build();
        foreach (var (origin, time) in records)
        {
            var json = $$"""{"orgId":"o1","modelId":"inverter","assetId":"I1","pointId":"P","time":{{time}},"value":1}""";
            producer.ProduceAsync(topic, new Message<string, string> { Key = "PLANT1", Value = json, Headers = new Headers { { CalcKafkaHeaders.Origin, origin.ToHeader() } } }).GetAwaiter().GetResult();
        }
    }

    /// <summary>Stands in for the group template (the runner re-keys by the step's operator id) and records the times it sees.</summary>
    private sealed class Recorder(ConcurrentQueue<long> seen) : IOperatorFactory, IOperatorDefinition, IOperator
    {
        public string Id => "asset-group-aggregation";

        public OperatorKind Kind => OperatorKind.Operator;

        public IReadOnlyList<PointRef> Inputs => [new PointRef("inverter", "P")];

        public IReadOnlyList<PointRef> Outputs => [];

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems) => this;

        public IOperator CreateInstance() => this;

        public void Open(IOperatorContext context)
        {
        }

        public void Process(in PointRecord record) => seen.Enqueue(record.Time);

        public void Close()
        {
        }
    }
}
