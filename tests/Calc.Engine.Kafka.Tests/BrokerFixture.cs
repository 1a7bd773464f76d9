using Calc.Engine.Kafka;

namespace Calc.Engine.Kafka.Tests;

/// <summary>One embedded broker for the whole test run; every test uses its own topics and groups.</summary>
public sealed class BrokerFixture : IDisposable
{
    public BrokerFixture()
    {
        Broker = new EmbeddedKafkaBroker();
        Broker.Start();
    }

    public EmbeddedKafkaBroker Broker { get; }

    public string Bootstrap => Broker.BootstrapServers;

    public void Dispose() => Broker.Dispose();
}
