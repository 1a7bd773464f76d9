using System.Text.Json;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Engine.Kafka.Tests;

/// <summary>
/// A lane stuck on one record: the run reports it as stalled once it has been on the batch longer than
/// asked (on the run's <see cref="TimeProvider"/>), and a stop abandons it after the stop timeout instead
/// of waiting forever — committing nothing at or after the stuck record and dropping what the lane writes
/// when it finally returns.
/// </summary>
public sealed class StuckLaneTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ShouldReportTheStall_AndAbandonTheLaneOnStopWithoutCommittingItsRecord()
    {
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        var topic = TestKafka.NewTopic(broker, 1);
        broker.CreateTopic(topic + "-out", 1);
        TestKafka.ProduceRaw(servers, topic, [.. Enumerable.Range(0, 50)
            .Select(i => TestKafka.Json("A", $$"""{"orgId":"o1","modelId":"m","assetId":"A","pointId":"P","time":{{i}},"value":{{i}}}"""))]);
        using var stuck = new StuckAt(30);
        var registry = new OperatorRegistry();
        registry.Register(stuck, null, "test", "1.0.0");
        using var job = CalcEngine.Create(registry, new LanguageCompiler(new Dictionary<ExpressionLanguage, IExpressionCompiler>()))
            .Compile("""{"id":"stuck","orgId":"o1","pipeline":[{"op":"test.stuck-at"}]}""", new ProblemList())!;
        var group = "g-" + Guid.NewGuid().ToString("N");
        var time = new FakeTimeProvider();
        var options = new StreamingOptions
        {
            Consumer = TestKafka.Consumer(servers, group),
            Producer = TestKafka.Producer(servers),
            InputTopic = topic,
            OutputTopic = topic + "-out",
            WriteBackToInput = false,
            BatchSize = 10,
            Time = time,
            StopTimeout = TimeSpan.FromSeconds(10),
        };
        var runner = new StreamingJobRunner(job, options);
        using var stop = new CancellationTokenSource();
        var run = Task.Factory.StartNew(() => runner.Run(stop.Token), TaskCreationOptions.LongRunning);

        await stuck.Entered.Task.WaitAsync(Generous);
        Assert.Null(runner.Stalled(TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(1));
        var stall = runner.Stalled(TimeSpan.FromMinutes(1));
        Assert.Equal(new LaneStall(0, 30, TimeSpan.FromMinutes(1)), stall);

        // Stopping: the lane gets the stop timeout (on the same clock) to finish, then it is abandoned.
        await stop.CancelAsync();
        Assert.False(run.IsCompleted, "the stop did not give the lane its stop timeout");
        time.Advance(TimeSpan.FromSeconds(10));
        var abandoned = await Assert.ThrowsAsync<LanesAbandonedException>(() => run.WaitAsync(Generous));
        Assert.Equal((0, 30L), (abandoned.Partition, abandoned.Offset));
        Assert.Contains("job 'stuck': a lane was stuck on one record (partition 0, offset 30)", abandoned.Message, StringComparison.Ordinal);
        Assert.False(abandoned.Ended.IsCompleted);

        // Released, the lane's thread ends; what it wrote after the abandonment went nowhere.
        stuck.Release.Set();
        await abandoned.Ended.WaitAsync(Generous);
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = servers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        var committed = consumer.Committed([new TopicPartition(topic, 0)], TestKafka.Patience).Single().Offset;
        Assert.True(committed == Offset.Unset || committed.Value <= 30, $"committed {committed}: past the stuck record");
        var output = new TopicPartition(topic + "-out", 0);
        var end = consumer.QueryWatermarkOffsets(output, TestKafka.Patience).High.Value;
        consumer.Assign(new TopicPartitionOffset(output, Offset.Beginning));
        var values = new List<double>();
        while (values.Count < end)
        {
            var message = consumer.Consume(TestKafka.Patience) ?? throw new InvalidOperationException($"only {values.Count} of {end} outputs read");
            values.Add(JsonDocument.Parse(message.Message.Value).RootElement.GetProperty("value").GetDouble());
        }

        Assert.All(values, v => Assert.True(v < 30, $"output {v} of the abandoned lane reached Kafka"));
    }

    /// <summary>Copies every record to point OUT, and waits (for <see cref="Release"/>) on the record whose value is the given one.</summary>
    private sealed class StuckAt(double stuck) : IOperatorFactory, IOperatorDefinition, IOperator, IDisposable
    {
        private IOperatorContext _context = null!;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public string Id => "test.stuck-at";

        public OperatorKind Kind => OperatorKind.Operator;

        public IReadOnlyList<PointRef> Inputs => [];

        public IReadOnlyList<PointRef> Outputs => [new PointRef("m", "OUT")];

        public IOperatorDefinition? Define(OperatorSpec spec, IDefinitionContext context, ProblemList problems) => this;

        public IOperator CreateInstance() => this;

        public void Open(IOperatorContext context) => _context = context;

        public void Process(in PointRecord record)
        {
            if (record.PointId != "P")
            {
                return;
            }

            if (record.Value.Number == stuck)
            {
                Entered.TrySetResult();
                Release.Wait();
            }

            _context.Emit(PointRecord.Derive(in record, "OUT", record.Time, record.Value));
        }

        public void Close()
        {
        }

        public void Dispose()
        {
            Release.Set();
            Release.Dispose();
        }
    }
}
