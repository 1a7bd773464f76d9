using Confluent.Kafka;

namespace Calc.Engine.Hosting.Settings;

/// <summary>
/// The Kafka client configurations every runner builds from the settings: Calc's defaults, then
/// <c>kafka.client</c>, then the client's own section, then what Calc must set itself (servers, group).
/// </summary>
public static class KafkaClients
{
    public static ConsumerConfig ConsumerConfig(this KafkaSettings kafka, string servers, string group)
    {
        var config = new ConsumerConfig(Merge(kafka.Client, kafka.Consumer, new() { ["session.timeout.ms"] = "10000" }))
        {
            BootstrapServers = servers,
            GroupId = group,
        };
        return config;
    }

    public static ProducerConfig ProducerConfig(this KafkaSettings kafka, string servers) =>
        new(Merge(kafka.Client, kafka.Producer, new() { ["linger.ms"] = "5" })) { BootstrapServers = servers };

    public static AdminClientConfig AdminConfig(this KafkaSettings kafka, string servers) =>
        new(Merge(kafka.Client, kafka.Admin, [])) { BootstrapServers = servers };

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> client, IReadOnlyDictionary<string, string> own, Dictionary<string, string> defaults)
    {
        foreach (var (key, value) in client)
        {
            defaults[key] = value;
        }

        foreach (var (key, value) in own)
        {
            defaults[key] = value;
        }

        return defaults;
    }
}
