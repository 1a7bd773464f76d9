using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>
/// The lanes run on their own thread while the consumer fetches: a failure there still ends the run
/// with the original exception, and the offsets of what was not processed are not committed.
/// </summary>
public sealed class StreamingFailureTests
{
    [Fact]
    public void ShouldRethrowALaneFailureOnTheCallingThread_AndNotCommitPastIt()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        var topic = TestKafka.NewTopic(broker, 1);
        var messages = Enumerable.Range(0, 50)
            .Select(i => TestKafka.Json("A", $$"""{"orgId":"o1","modelId":"m","assetId":"A","pointId":"P","time":{{i}},"value":{{i}}}"""))
            .ToArray();
        TestKafka.ProduceRaw(servers, topic, messages);
        var registry = new OperatorRegistry();
        registry.Register(new FailAt(30), null, "test", "1.0.0");
        var job = CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>()))
            .Compile("""{"id":"fails","orgId":"o1","pipeline":[{"op":"test.fail-at"}]}""", new ProblemList())!;
        var group = "g-" + Guid.NewGuid().ToString("N");
        var options = new StreamingOptions
        {
            Consumer = TestKafka.Consumer(servers, group),
            Producer = TestKafka.Producer(servers),
            InputTopic = topic,
            OutputTopic = topic + "-out",
            WriteBackToInput = false,
            BatchSize = 10,
            IdleExit = TimeSpan.FromSeconds(20),
        };

        var error = Assert.Throws<InvalidOperationException>(() => new StreamingJobRunner(job, options).Run(CancellationToken.None));

        Assert.Equal("record 30 fails", error.Message);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(TestKafka.Consumer(servers, group)).Build();
        var committed = consumer.Committed([new TopicPartition(topic, 0)], TestKafka.Patience).Single().Offset;
        Assert.True(committed == Offset.Unset || committed.Value <= 30, $"committed {committed}");
    }

    /// <summary>An operator that throws on the record whose value is the given one.</summary>
    private sealed class FailAt(double failing) : IOperatorFactory, IOperatorDefinition, IOperator
    {
        public string Id => "test.fail-at";

        public OperatorKind Kind => OperatorKind.Operator;

        public IReadOnlyList<PointRef> Inputs => [];

        public IReadOnlyList<PointRef> Outputs => [];

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems) => this;

        public IOperator CreateInstance() => this;

        public void Open(IOperatorContext context)
        {
        }

        public void Process(in PointRecord record)
        {
            if (record.Value.Number == failing)
            {
                throw new InvalidOperationException($"record {failing} fails");
            }
        }

        public void Close()
        {
        }
    }
}
