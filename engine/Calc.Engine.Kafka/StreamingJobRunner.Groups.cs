using Confluent.Kafka;

namespace Calc.Engine.Kafka;

public sealed partial class StreamingJobRunner
{
    /// <summary>The templates whose state spans assets: all members of a group must reach one lane.</summary>
    private static readonly string[] GroupOperators = ["asset-group-aggregation"];

    /// <summary>Refuses a group job on a topic with more than one partition (members would be split across lanes).</summary>
    /// <exception cref="GroupPartitionsException">The job has a group step and the input topic has several partitions.</exception>
    private void CheckGroupLanes()
    {
        var step = job.Steps.FirstOrDefault(s => Array.IndexOf(GroupOperators, s.OperatorId) >= 0);
        if (step is null)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig(KafkaClientCheck.Connection(options.Consumer))).Build();
        var topic = admin.GetMetadata(options.InputTopic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault(t => t.Topic == options.InputTopic);
        var partitions = topic?.Error.IsError == false ? topic.Partitions.Count : 0;
        if (partitions > 1)
        {
            throw new GroupPartitionsException(
                $"job '{job.Definition.Id}': {(step.Path.Length == 0 ? "its template" : step.Path)} ({step.OperatorId}) needs every member of a group in one lane, "
                + $"but topic '{options.InputTopic}' has {partitions} partitions and records are keyed by asset: each lane would emit partial group values. "
                + "Read the group job from a topic with one partition (e.g. a topic the per-asset jobs write to), or run it on a file with calc run --input");
        }
    }
}
