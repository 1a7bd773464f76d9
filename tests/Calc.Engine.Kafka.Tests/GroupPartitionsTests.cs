using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

/// <summary>A group job on a topic with several partitions is re-keyed through a repartition topic (created with as many partitions where the brokers can); on one partition it reads its topic directly.</summary>
public sealed class GroupPartitionsTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(1, false)]
    public void ShouldRekeyAGroupJobOnATopicWithSeveralPartitions(int partitions, bool rekeyed)
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        var topic = TestKafka.NewTopic(broker, partitions);
        var registry = new OperatorRegistry();
        registry.Register(new GroupLike(), null, "test", "1.0.0");
        var id = "plant-" + Guid.NewGuid().ToString("N")[..8];
        var job = CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>()))
            .Compile("{\"id\":\"" + id + "\",\"orgId\":\"o1\",\"pipeline\":[{\"op\":\"asset-group-aggregation\"}]}", new ProblemList())!;
        var options = new StreamingOptions
        {
            Consumer = TestKafka.Consumer(servers, "g-" + Guid.NewGuid().ToString("N")),
            Producer = TestKafka.Producer(servers),
            InputTopic = topic,
            OutputTopic = topic + "-out",
            WriteBackToInput = false,
            IdleExit = TimeSpan.FromSeconds(1),
        };

        if (rekeyed)
        {
            broker.CreateTopic(id + "-group-repartition", 3); // the embedded broker has no controller to create topics through
        }

        var runner = new StreamingJobRunner(job, options);
        Assert.Equal(0, runner.Run(CancellationToken.None).Processed);
        Assert.Equal(rekeyed ? id + "-group-repartition" : null, runner.RepartitionTopic);
        if (rekeyed)
        {
            using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = servers }).Build();
            var created = admin.GetMetadata(id + "-group-repartition", TimeSpan.FromSeconds(10)).Topics.Single();
            Assert.Equal(3, created.Partitions.Count);
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
