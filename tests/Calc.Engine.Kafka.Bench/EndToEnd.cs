using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Bench;

/// <summary>
/// Consume → process → produce: the engine's Kafka runner (as <c>calc run --bootstrap-servers</c> runs
/// it) over the bench topic with a threshold + expression pipeline, until every input record has been
/// processed; the run then drains (flushes its producer) and commits. With <c>state</c>, device state
/// and partition checkpoints in Garnet as <c>calc run --state</c> has them.
/// </summary>
internal static class EndToEnd
{
    private const string Job = """
        {"id":"e2e","orgId":"o1","pipeline":[
          {"op":"threshold","input":"inverter::AC_POWER","threshold":"[0,1500]","interpolation":"lastValue"},
          {"op":"expression","expression":"${inverter::AC_POWER} / 1000","output":"inverter::AC_POWER_KW"}]}
        """;

    public static (long Read, long Outputs) Run(string bootstrap, string topic, int expected, StateSinks? state = null, IPartitionCheckpointStore? checkpoints = null)
    {
        var registry = new OperatorRegistry();
        foreach (var factory in PluginFactories.All(new Calc.Templates.Merging.MergingPlugin()))
        {
            registry.Register(factory, null, "builtin", "1.0.0");
        }

        var problems = new ProblemList();
        var job = CalcEngine.Create(registry, TestCompilers.Default).Compile(Job, problems) ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        using var done = new CancellationTokenSource();
        var counter = new Counter(expected, done);
        var options = new StreamingOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-e2e-" + Guid.NewGuid().ToString("N"), AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000 },
            Producer = new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5, BatchNumMessages = 10_000, CompressionType = CompressionType.Lz4 },
            InputTopic = topic,
            OutputTopic = topic + "-out",
            WriteBackToInput = false,
            InputObservers = state is null ? [counter] : [counter, state.Inputs],
            ExtraSinks = state is null ? [] : [state.Outputs],
            Checkpoints = checkpoints,
            IdleExit = TimeSpan.FromSeconds(10),
        };
        var metrics = new StreamingJobRunner(job, options).Run(done.Token);
        return (metrics.Read, metrics.Outputs);
    }

    /// <summary>Sees every input record; stops the run once all were processed.</summary>
    private sealed class Counter(long expected, CancellationTokenSource done) : IOutputSink
    {
        private long _seen;

        public void Write(in PointRecord record)
        {
            if (++_seen == expected)
            {
                done.Cancel();
            }
        }

        public void Flush()
        {
        }
    }
}
