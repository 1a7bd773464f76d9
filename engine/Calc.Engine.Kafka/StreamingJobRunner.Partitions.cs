using System.Text.Json;
using Calc.Engine.Kafka.Internal;
using Calc.Engine.Runtime;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    private void OnAssigned(object? sender, PartitionsChangedEventArgs e)
    {
        DrainLanes();
        foreach (var tp in e.Partitions)
        {
            var partition = tp.Partition.Value;
            var lane = new PartitionLane(new JobInstance(job, _sink, options.Clock, options.Assets, options.Loggers) { TraceLog = options.Trace, TraceTap = options.TraceTap }, RepartitionTopic is not null);
            lane.Instance.Open();
            if (ReplayStart(partition) is { } replayOffset)
            {
                // The replay's own start: the old checkpoint is not restored (the first barrier overwrites it).
                e.StartOffsets[partition] = replayOffset;
                LogReplayStart(_logger, job.Definition.Id, partition, replayOffset);
            }
            else if (options.Checkpoints?.Load(job.Definition.Id, partition) is { } checkpoint)
            {
                Verify(options.Checkpoints, partition, checkpoint);
                using var state = JsonDocument.Parse(checkpoint.StateJson);
                lane.Restore(state.RootElement);
                e.StartOffsets[partition] = checkpoint.NextOffset;
                LogRestored(_logger, job.Definition.Id, partition, checkpoint.NextOffset);
            }
            else if (options.Checkpoints is { } store && EmptyStateRefusal(store, partition, lane.Instance) is { } refusal)
            {
                lane.Instance.Close();
                throw refusal;
            }

            _lanes[partition] = lane;
        }

        RefuseSharedReplay();
        WarnIfShared();
        _assigned = true;
    }

    /// <summary>What this run's checkpoints belong to; asked of the brokers once, at the first assignment.</summary>
    private CheckpointOrigin Origin()
    {
        if (_origin is null)
        {
            var timeout = TimeSpan.FromSeconds(5);
            _origin = new CheckpointOrigin(ClusterIdNative.Get(options.Consumer, timeout), options.InputTopic, _source.PartitionCount(timeout));
        }

        return _origin;
    }

    /// <summary>Refuses a checkpoint of another cluster, topic or partition count, or one past the end of its partition.</summary>
    private void Verify(IPartitionCheckpointStore store, int partition, PartitionCheckpoint checkpoint)
    {
        var here = Origin();
        var reset = store.ResetHint(job.Definition.Id, partition);
        var what = $"job '{job.Definition.Id}': the checkpoint of partition {partition} of '{options.InputTopic}'";
        if (checkpoint.Origin is { } saved)
        {
            if (saved.Topic != here.Topic)
            {
                throw new CheckpointMismatchException($"{what} was written for topic '{saved.Topic}': not restored; {reset}");
            }

            if (saved.ClusterId is not null && here.ClusterId is not null && saved.ClusterId != here.ClusterId)
            {
                throw new CheckpointMismatchException($"{what} was written on Kafka cluster '{saved.ClusterId}', but this is cluster '{here.ClusterId}' (a new broker, or another cluster): not restored; {reset}");
            }

            if (here.Partitions > 0 && saved.Partitions != here.Partitions)
            {
                throw new CheckpointMismatchException($"{what} was written when the topic had {saved.Partitions} partitions; it has {here.Partitions} now, so keys moved between partitions: not restored; {reset}");
            }
        }

        var high = _source.HighWatermark(partition, TimeSpan.FromSeconds(5));
        if (checkpoint.NextOffset > high)
        {
            throw new CheckpointMismatchException($"{what} resumes at offset {checkpoint.NextOffset}, but the partition ends at {high} (the topic was recreated, or this is another cluster): not restored; {reset}");
        }
    }

    private void OnRevoked(object? sender, PartitionsChangedEventArgs e)
    {
        DrainLanes();
        if (_pipeline.IsAbandoned)
        {
            // The stuck lane still runs on its thread: its operators are not closed under it, nothing is committed.
            return;
        }

        if (!e.Lost)
        {
            Barrier();
        }

        foreach (var tp in e.Partitions)
        {
            _pending.Remove(tp);
            if (_lanes.Remove(tp.Partition.Value, out var lane))
            {
                _closedMetrics.Add(lane.Instance.Metrics);
                lane.Instance.Close();
            }
        }
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "job {JobId}: partition {Partition} restored from its checkpoint, resuming at offset {Offset}")]
    private static partial void LogRestored(ILogger logger, string jobId, int partition, long offset);

    /// <summary>
    /// One partition's job instance. A lane of a repartition topic also keeps, per input partition, the last
    /// origin position it processed (its checkpoint is then <c>{"origins":{PARTITION:POSITION},"job":STATE}</c>).
    /// </summary>
    private sealed class PartitionLane(JobInstance instance, bool repartitioned)
    {
        public JobInstance Instance { get; } = instance;

        public Dictionary<int, long> Origins { get; } = [];

        public string StateJson()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                if (repartitioned)
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("origins");
                    foreach (var (partition, position) in Origins)
                    {
                        writer.WriteNumber(partition.ToString(System.Globalization.CultureInfo.InvariantCulture), position);
                    }

                    writer.WriteEndObject();
                    writer.WritePropertyName("job");
                    Instance.WriteCheckpoint(writer);
                    writer.WriteEndObject();
                }
                else
                {
                    Instance.WriteCheckpoint(writer);
                }
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        public void Restore(JsonElement state)
        {
            if (!repartitioned)
            {
                Instance.RestoreCheckpoint(state);
                return;
            }

            foreach (var origin in state.GetProperty("origins").EnumerateObject())
            {
                Origins[int.Parse(origin.Name, System.Globalization.CultureInfo.InvariantCulture)] = origin.Value.GetInt64();
            }

            Instance.RestoreCheckpoint(state.GetProperty("job"));
        }
    }
}
