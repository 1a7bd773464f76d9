using Calc.Engine.Kafka.Internal;
using Calc.Sdk;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    /// <summary>The templates whose state spans assets: all members of a group must reach one lane.</summary>
    private static readonly string[] GroupOperators = ["asset-group-aggregation"];

    /// <summary>The suffix of the repartition topic's default name and of the second stage's consumer group.</summary>
    public const string RepartitionSuffix = "-group-repartition";

    private RepartitionForwarder? _forwarder;
    private Thread? _forwarderThread;
    private Exception? _forwarderError;
    private CancellationTokenSource? _forwarderStop;

    /// <summary>Records the first stage read from the input topic and produced to the repartition topic (0 without one).</summary>
    public long Repartitioned => _forwarder?.Forwarded ?? 0;

    /// <summary>Copies the second stage dropped because a restarted first stage produced them again.</summary>
    public long RepartitionDuplicates { get; private set; }

    /// <summary>The repartition topic this run reads, or null when the job runs on its input topic directly.</summary>
    public string? RepartitionTopic { get; private set; }

    /// <summary>
    /// A group job on a topic with several partitions is re-keyed: a forwarder (this process's share of the input
    /// topic's partitions, the job's consumer group) produces every record to the repartition topic keyed by group,
    /// and this runner reads that topic instead (consumer group <c>GROUP-group-repartition</c>), so one lane owns each
    /// group. Its lanes' checkpoints are those of the repartition topic's partitions.
    /// </summary>
    /// <exception cref="GroupPartitionsException">A replay of a group job on a topic with several partitions.</exception>
    private void StartRepartition()
    {
        var step = job.Steps.FirstOrDefault(s => Array.IndexOf(GroupOperators, s.OperatorId) >= 0);
        if (step is null)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig(KafkaClientCheck.Connection(options.Consumer))).Build();
        var partitions = PartitionCount(admin, options.InputTopic);
        if (partitions <= 1)
        {
            return;
        }

        if (options.Replay is not null)
        {
            throw new GroupPartitionsException(
                $"job '{job.Definition.Id}': {(step.Path.Length == 0 ? "its template" : step.Path)} ({step.OperatorId}) re-keys topic '{options.InputTopic}' ({partitions} partitions) by group, "
                + "and a replay of a re-keyed job is not supported: replay it from a file (calc run --input) or from a topic with one partition");
        }

        var topic = options.RepartitionTopic ?? job.Definition.Id + RepartitionSuffix;
        // Listed with every topic: asking for the one topic would make a broker that auto-creates topics create it with its default count.
        if (!admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Exists(t => t.Topic == topic && !t.Error.IsError))
        {
            Create(admin, topic, partitions);
        }

        var first = options;
        _forwarder = new RepartitionForwarder(step.Definition, first, job.Definition.Id, topic, _logger);
        _forwarderStop = new CancellationTokenSource();
        var stop = _forwarderStop.Token;
        _forwarderThread = new Thread(() =>
        {
            try
            {
                _forwarder.Run(stop);
            }
            catch (Exception ex) when (ex is KafkaException or KafkaDeliveryException or InvalidOperationException)
            {
                _forwarderError = ex;
            }
        })
        { IsBackground = true, Name = "calc-repartition-" + job.Definition.Id };
        _forwarderThread.Start();
        RepartitionTopic = topic;
        _writeBackTopic = options.InputTopic;
        var consumer = new ConsumerConfig(options.Consumer.ToDictionary(kv => kv.Key, kv => kv.Value)) { GroupId = options.Consumer.GroupId + RepartitionSuffix };
        options = options with { InputTopic = topic, Consumer = consumer };
        LogRepartition(_logger, job.Definition.Id, first.InputTopic, partitions, topic);
    }

    /// <summary>Stops the forwarder (it commits what was acknowledged and leaves the group); rethrows what failed it.</summary>
    private void StopRepartition()
    {
        if (_forwarderThread is null)
        {
            return;
        }

        _forwarderStop!.Cancel();
        _forwarderThread.Join();
        _forwarder!.Dispose();
        _forwarderStop.Dispose();
        if (_forwarderError is { } error)
        {
            throw new KafkaDeliveryException($"job '{job.Definition.Id}': re-keying to '{RepartitionTopic}' failed: {error.Message}", error);
        }
    }

    /// <summary>A lane reading the repartition topic: false for a record whose origin it has already passed.</summary>
    private bool Fresh(PartitionLane lane, in SourcedPoint item)
    {
        if (!item.Origin.IsSet)
        {
            return true;
        }

        if (lane.Origins.TryGetValue(item.Origin.Partition, out var seen) && item.Origin.Position <= seen)
        {
            RepartitionDuplicates++;
            return false;
        }

        lane.Origins[item.Origin.Partition] = item.Origin.Position;
        return true;
    }

    private static int PartitionCount(IAdminClient admin, string topic)
    {
        var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault(t => t.Topic == topic);
        return found?.Error.IsError == false ? found.Partitions.Count : 0;
    }

    /// <exception cref="GroupPartitionsException">The topic could not be created (for example a broker without a controller, such as the embedded one).</exception>
    private void Create(IAdminClient admin, string topic, int partitions)
    {
        try
        {
            admin.CreateTopicsAsync(
                [new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = -1 }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(15), OperationTimeout = TimeSpan.FromSeconds(15) }).GetAwaiter().GetResult();
        }
        catch (CreateTopicsException ex) when (ex.Results.TrueForAll(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
            // Another worker created it first.
        }
        catch (KafkaException ex)
        {
            throw new GroupPartitionsException(
                $"job '{job.Definition.Id}': its group step re-keys topic '{options.InputTopic}' ({partitions} partitions) through topic '{topic}', which does not exist and could not be created ({ex.Error.Reason}): "
                + $"create it with {partitions} partitions (kafka-topics.sh --create --topic {topic} --partitions {partitions}), or name an existing one (calc run --repartition-topic NAME)", ex);
        }
    }

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "job {JobId}: topic '{Input}' has {Partitions} partitions: records are re-keyed by group through '{Repartition}'")]
    private static partial void LogRepartition(ILogger logger, string jobId, string input, int partitions, string repartition);
}
