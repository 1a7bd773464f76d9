using System.Text.RegularExpressions;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Tests;

public sealed class EmbeddedKafkaBrokerTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public void ShouldStartAndGiveALoopbackBootstrapAddressPerBroker()
    {
        using var broker = new EmbeddedKafkaBroker();
        var bootstrap = broker.Start(brokers: 3);

        Assert.Equal(bootstrap, broker.BootstrapServers);
        Assert.Matches(new Regex(@"^127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$"), bootstrap);
        Assert.True(broker.IsRunning);
    }

    [Fact]
    public void ShouldServeTopicsItCreatedWithTheirPartitionCount()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 6);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Bootstrap }).Build();

        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        Assert.Equal(6, Assert.Single(metadata.Topics).Partitions.Count);
    }

    [Fact]
    public void ShouldRefuseTopicsBeforeStart()
    {
        using var broker = new EmbeddedKafkaBroker();

        var error = Assert.Throws<InvalidOperationException>(() => broker.CreateTopic("t", 1));

        Assert.Contains("start the embedded broker", error.Message, StringComparison.Ordinal);
    }
}
