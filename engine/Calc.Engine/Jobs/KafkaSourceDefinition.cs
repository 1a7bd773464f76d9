namespace Calc.Engine.Jobs;

/// <summary><c>source.kafka</c>: the topic to read and the consumer group.</summary>
public sealed record KafkaSourceDefinition(string Topic, string Group);
