namespace Calc.Engine.Jobs;

/// <summary>
/// <c>source.kafka</c>: the topic to read and the consumer group. <see cref="Group"/> is null when the job
/// does not set one: every runner then uses the job id, so two jobs never share a group (and split a topic's
/// data between them) unless they ask to.
/// </summary>
public sealed record KafkaSourceDefinition(string Topic, string? Group)
{
    /// <summary>The consumer group to join: <see cref="Group"/>, or the job id when it is not set.</summary>
    public string GroupFor(string jobId) => Group ?? jobId;
}
