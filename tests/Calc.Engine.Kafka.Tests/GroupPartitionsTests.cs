using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

/// <summary>A group job must have all of a group's members in one lane: on a topic with several partitions it is refused before anything is read.</summary>
public sealed class GroupPartitionsTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public void ShouldRefuseAGroupJobOnATopicWithSeveralPartitions(int partitions, bool refused)
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        var topic = TestKafka.NewTopic(broker, partitions);
        var registry = new OperatorRegistry();
        registry.Register(new GroupLike(), null, "test", "1.0.0");
        var job = CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>()))
            .Compile("""{"id":"plant","orgId":"o1","pipeline":[{"op":"asset-group-aggregation"}]}""", new ProblemList())!;
        var options = new StreamingOptions
        {
            Consumer = TestKafka.Consumer(servers, "g-" + Guid.NewGuid().ToString("N")),
            Producer = TestKafka.Producer(servers),
            InputTopic = topic,
            OutputTopic = topic + "-out",
            WriteBackToInput = false,
            IdleExit = TimeSpan.FromSeconds(1),
        };

        if (refused)
        {
            var error = Assert.Throws<GroupPartitionsException>(() => new StreamingJobRunner(job, options).Run(CancellationToken.None));
            Assert.Contains($"topic '{topic}' has 3 partitions", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(0, new StreamingJobRunner(job, options).Run(CancellationToken.None).Processed);
        }
    }

    /// <summary>Stands in for the group template: the check goes by the step's operator id.</summary>
    private sealed class GroupLike : IOperatorFactory, IOperatorDefinition, IOperator
    {
        public string Id => "asset-group-aggregation";

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
        }

        public void Close()
        {
        }
    }
}
