namespace Calc.Engine.Kafka.Tests;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "kafka";
}
