using System.Text.Json;
using Calc.Engine.Runtime;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    private void OnAssigned(object? sender, PartitionsChangedEventArgs e)
    {
        _pipeline.Drain();
        foreach (var tp in e.Partitions)
        {
            var partition = tp.Partition.Value;
            var lane = new PartitionLane(new JobInstance(job, _sink, options.Clock, options.Assets, options.Loggers));
            lane.Instance.Open();
            if (options.Checkpoints?.Load(job.Definition.Id, partition) is { } checkpoint)
            {
                using var state = JsonDocument.Parse(checkpoint.StateJson);
                lane.Instance.RestoreCheckpoint(state.RootElement);
                e.StartOffsets[partition] = checkpoint.NextOffset;
                LogRestored(_logger, job.Definition.Id, partition, checkpoint.NextOffset);
            }

            _lanes[partition] = lane;
        }

        _assigned = true;
    }

    private void OnRevoked(object? sender, PartitionsChangedEventArgs e)
    {
        _pipeline.Drain();
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

    private sealed class PartitionLane(JobInstance instance)
    {
        public JobInstance Instance { get; } = instance;

        public string StateJson()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Instance.WriteCheckpoint(writer);
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
