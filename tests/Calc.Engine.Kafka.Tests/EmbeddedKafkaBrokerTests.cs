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

    [Fact]
    public async Task ShouldRunBrokerCommandUntilCancelledWithPortFile()
    {
        var portFile = Path.Combine(Path.GetTempPath(), $"calc-broker-{Guid.NewGuid():N}.port");
        using var cts = new CancellationTokenSource();
        using var output = new StringWriter();

        var run = BrokerCommand.RunAsync(portFile, [("calc-big", 12)], output, cts.Token);
        var deadline = DateTime.UtcNow + TestKafka.Patience;
        while (!File.Exists(portFile) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var address = (await File.ReadAllTextAsync(portFile)).Trim();
        Assert.Matches(new Regex(@"^127\.0\.0\.1:\d+$"), address);
        TestKafka.ProduceRaw(address, "calc-test-" + Guid.NewGuid().ToString("N"), TestKafka.Json("a", "{}"));
        using (var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = address }).Build())
        {
            Assert.Equal(12, admin.GetMetadata("calc-big", TestKafka.Patience).Topics.Single().Partitions.Count);
        }

        await cts.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(address, output.ToString().Trim());
        Assert.False(File.Exists(portFile));
    }

    [Fact]
    public void ShouldParseTopicsWithPartitionCounts_AndListEveryBadOne()
    {
        var errors = new List<string>();

        var topics = BrokerCommand.ParseTopics("points:48, calc-results ,x:0,:3,y:abc", errors);

        Assert.Equal([("points", 48), ("calc-results", 4)], topics);
        Assert.Equal(3, errors.Count);
        Assert.Contains("'x:0'", errors[0], StringComparison.Ordinal);
    }
}
