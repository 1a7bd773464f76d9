using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// Kafka security settings of calc.json and CALC_ variables reach the client: <c>calc run</c> against a
/// cluster that speaks only TLS (stunnel in front of the embedded broker, which advertises stunnel's
/// address), or only SASL/PLAIN (<see cref="SaslGateway"/>), computes the job with the right settings and
/// stops at start with librdkafka's reason with wrong ones.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class KafkaSecurityTests : DataDirTest
{
    private const string Job = """
        {"id":"tls-job","orgId":"o1","pipeline":[{"op":"expression","expression":"${turbine::WindSpeed} * 2","output":"turbine::W2"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public void ShouldRunOnATlsClusterWithTheConfiguredCaAndRefuseAtStartWithoutIt()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        using var broker = new EmbeddedKafkaBroker();
        var port = Filled(broker, day1);
        using var tls = TlsTerminator.Start(Dir, port);
        broker.Advertise(1, "127.0.0.1", tls.Port);
        var servers = $"127.0.0.1:{tls.Port}";
        var job = Write("job.json", Job);

        var untrusted = Write("untrusted.json", $$"""
            { "kafka": { "bootstrapServers": "{{servers}}", "client": { "security.protocol": "SSL" } } }
            """);
        var (refused, _, why) = CliRunner.Run("run", job, "--config", untrusted, "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "cp"));
        Assert.Equal(1, refused);
        Assert.Contains($"calc run: cannot connect to Kafka at {servers}:", why, StringComparison.Ordinal);
        Assert.Contains("certificate verify failed", why, StringComparison.Ordinal);
        Assert.Contains("calc config show", why, StringComparison.Ordinal);

        var trusted = Write("calc.json", $$"""
            { "kafka": { "bootstrapServers": "{{servers}}", "client": { "security.protocol": "SSL", "ssl.ca.location": "{{tls.CaPath}}" } } }
            """);
        var (exit, _, error) = CliRunner.Run("run", job, "--config", trusted, "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "cp"));
        Assert.True(exit == 0, error);
        Assert.Matches(@"calc run: job 'tls-job' finished in [0-9.]+ s; records flowed for [0-9.]+ s \([0-9,]+ records/s\)", error);

        var expected = day1.Select(r => JsonDocument.Parse(r.Json).RootElement)
            .Where(r => r.GetProperty("pointId").GetString() == "WindSpeed")
            .ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble() * 2);
        var outputs = ReadOverTls(servers, tls.CaPath, "results", expected.Count)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(r => r.GetProperty("pointId").GetString() == "W2")
            .ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble());
        Assert.Equal(144, expected.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key), outputs.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void ShouldAuthenticateWithSaslPlainFromASecretFileAndRefuseAWrongPasswordFromTheEnvironment()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        using var broker = new EmbeddedKafkaBroker();
        using var gateway = new SaslGateway(Filled(broker, day1), "calc", "plant-7-secret");
        broker.Advertise(1, "127.0.0.1", gateway.Port);
        var servers = $"127.0.0.1:{gateway.Port}";
        var job = Write("job.json", Job);
        var secret = Write("kafka-password", "plant-7-secret\n");
        var config = Write("calc.json", $$"""
            { "kafka": { "bootstrapServers": "{{servers}}",
                         "client": { "security.protocol": "SASL_PLAINTEXT", "sasl.mechanisms": "PLAIN", "sasl.username": "calc", "sasl.password": "file:{{secret}}" } } }
            """);

        Environment.SetEnvironmentVariable("CALC_KAFKA__CLIENT__SASL_PASSWORD", "guessed");
        try
        {
            var (refused, _, why) = CliRunner.Run("run", job, "--config", config, "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "cp"));
            Assert.Equal(1, refused);
            Assert.Contains($"calc run: cannot connect to Kafka at {servers}:", why, StringComparison.Ordinal);
            Assert.Contains("Authentication failed", why, StringComparison.Ordinal);
            Assert.True(gateway.Refused > 0);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALC_KAFKA__CLIENT__SASL_PASSWORD", null);
        }

        var (exit, _, error) = CliRunner.Run("run", job, "--config", config, "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "cp"));
        Assert.True(exit == 0, error);

        var outputs = Read(servers, "results", 144, new() { ["security.protocol"] = "SASL_PLAINTEXT", ["sasl.mechanisms"] = "PLAIN", ["sasl.username"] = "calc", ["sasl.password"] = "plant-7-secret" })
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(r => r.GetProperty("pointId").GetString() == "W2")
            .ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble());
        var expected = day1.Select(r => JsonDocument.Parse(r.Json).RootElement)
            .Where(r => r.GetProperty("pointId").GetString() == "WindSpeed")
            .ToDictionary(r => r.GetProperty("time").GetInt64(), r => r.GetProperty("value").GetDouble() * 2);
        Assert.Equal(expected.OrderBy(kv => kv.Key), outputs.OrderBy(kv => kv.Key));
    }

    /// <summary>Starts the broker with the topics and the records in "points" (produced in clear, before it advertises another address); its port.</summary>
    private static int Filled(EmbeddedKafkaBroker broker, List<(string Key, string Json)> records)
    {
        var plain = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        StreamTestKit.Produce(plain, "points", records);
        return int.Parse(plain[(plain.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }

    private static List<string> ReadOverTls(string servers, string ca, string topic, int atLeast) =>
        Read(servers, topic, atLeast, new() { ["security.protocol"] = "SSL", ["ssl.ca.location"] = ca });

    private static List<string> Read(string servers, string topic, int atLeast, Dictionary<string, string> security)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig(security)
        {
            BootstrapServers = servers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var end = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(30)).High.Value;
        Assert.True(end >= atLeast, $"{topic} has {end} records, expected at least {atLeast}");
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var values = new List<string>();
        var watch = Stopwatch.StartNew();
        while (values.Count < end)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{topic}: {values.Count} of {end} records read within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200))?.Message is { } message)
            {
                values.Add(message.Value);
            }
        }

        return values;
    }
}
