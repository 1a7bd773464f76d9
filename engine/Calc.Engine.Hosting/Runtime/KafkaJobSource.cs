using Calc.Engine.Hosting.Settings;
using Calc.Engine.Jobs;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Runtime;

/// <summary>
/// Where a job reads and writes on Kafka: the cluster (with its client settings: TLS, SASL, any
/// librdkafka key), the group, the topics and the checkpoint directory. A runner's flags override
/// the job's <c>source</c>/<c>outputs</c>; without them the job's own values apply, the same in every runner.
/// </summary>
internal sealed record KafkaJobSource
{
    public required string BootstrapServers { get; init; }

    public KafkaSettings Kafka { get; init; } = new();

    /// <summary>Overrides the job's <c>source.kafka.group</c> (whose default is the job id).</summary>
    public string? Group { get; init; }

    /// <summary>Put before the group (<c>calc serve --group-prefix</c>).</summary>
    public string GroupPrefix { get; init; } = "";

    /// <summary>Overrides the job's <c>source.kafka.topic</c>.</summary>
    public string? InputTopic { get; init; }

    /// <summary>Overrides the job's <c>outputs.kafka.topic</c> (default <c>calc-results</c>).</summary>
    public string? OutputTopic { get; init; }

    /// <summary>Where partition checkpoints are kept when they are not in the state store.</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>The topic the job reads, or null when neither the job nor the runner names one.</summary>
    public string? TopicFor(JobDefinition job) => InputTopic ?? job.KafkaSource?.Topic;

    /// <summary>The streaming options every runner starts from; it adds its own progress, pause, clock and stores.</summary>
    /// <exception cref="InvalidOperationException">Neither the job nor the runner names an input topic.</exception>
    public StreamingOptions OptionsFor(JobDefinition job, IAssetDirectory? assets)
    {
        var topic = TopicFor(job) ?? throw new InvalidOperationException("the job has no source.kafka.topic: add one to run it on Kafka (or give the runner an input topic)");
        return new StreamingOptions
        {
            Consumer = Kafka.ConsumerConfig(BootstrapServers, GroupPrefix + (Group ?? job.KafkaSource?.GroupFor(job.Id) ?? job.Id)),
            Producer = Kafka.ProducerConfig(BootstrapServers),
            InputTopic = topic,
            OutputTopic = OutputTopic ?? job.Outputs.KafkaTopic ?? StreamingOptions.DefaultOutputTopic,
            WriteBackToInput = job.Outputs.KafkaInternal,
            Assets = assets ?? AssetDirectory.Empty,
            Checkpoints = new FileCheckpointStore(CheckpointDirectory, topic),
        };
    }
}
