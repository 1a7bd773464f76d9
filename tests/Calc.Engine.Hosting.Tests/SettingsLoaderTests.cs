using Calc.Engine.Hosting.Settings;
using Calc.Sdk;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting.Tests;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "calc-settings-" + Guid.NewGuid().ToString("N"));

    public SettingsLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (CalcSettings Settings, ProblemList Problems, List<string> Notes) Load(string? config, params (string Name, string Value)[] env)
    {
        var problems = new ProblemList();
        var notes = new List<string>();
        var settings = SettingsLoader.Load(config, env.ToDictionary(e => e.Name, e => e.Value), _dir, problems, notes);
        return (settings, problems, notes);
    }

    [Fact]
    public void ShouldReadTheFileAndLetEnvironmentVariablesOverrideIt()
    {
        var password = Write("kafka-password", "s3cret\n");
        var file = Write("calc.json", $$"""
            {
              "dataDir": "data",
              "logLevel": "Warning",
              "kafka": {
                "bootstrapServers": "broker1:9093,broker2:9093",
                "client": { "security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "calc", "sasl.password": "file:{{password}}" },
                "consumer": { "fetch.max.bytes": "1048576" }
              },
              "tsdb": { "url": "http://vm:8428" },
              "serve": { "listen": "0.0.0.0:8443" },
              "pluginRoots": [ "/opt/partner-a", "/opt/partner-b" ]
            }
            """);

        var (settings, problems, _) = Load(file, ("CALC_LOG_LEVEL", "debug"), ("CALC_KAFKA__CLIENT__SASL_USERNAME", "calc-plant-7"), ("CALC_TSDB__TOKEN", "tok"), ("HOME", "/root"));

        Assert.Empty(problems.Items);
        Assert.Equal(file, settings.File);
        Assert.Equal(Path.Combine(_dir, "data"), settings.DataDir);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal("broker1:9093,broker2:9093", settings.Kafka.BootstrapServers);
        Assert.Equal("SASL_SSL", settings.Kafka.Client["security.protocol"]);
        Assert.Equal("calc-plant-7", settings.Kafka.Client["sasl.username"]);
        Assert.Equal("s3cret", settings.Kafka.Client["sasl.password"]);
        Assert.Equal("1048576", settings.Kafka.Consumer["fetch.max.bytes"]);
        Assert.Equal("tok", settings.Tsdb.Token);
        Assert.Equal("0.0.0.0:8443", settings.Serve.Listen);
        Assert.Equal(["/opt/partner-a", "/opt/partner-b"], settings.PluginRoots);

        var username = settings.Values.Single(v => v.Key == "kafka.client.sasl.username");
        Assert.Equal("env CALC_KAFKA__CLIENT__SASL_USERNAME", username.Source);
        var secret = settings.Values.Single(v => v.Key == "kafka.client.sasl.password");
        Assert.Equal($"****** (from file {password})", secret.Shown);
        Assert.StartsWith("calc.json (", secret.Source, StringComparison.Ordinal);
        Assert.Equal("****** (set)", settings.Values.Single(v => v.Key == "tsdb.token").Shown);
    }

    [Fact]
    public void ShouldBuildEveryKafkaClientFromTheSameSecuritySettings()
    {
        var (settings, problems, _) = Load(null, ("CALC_KAFKA__BOOTSTRAP_SERVERS", "b:9093"), ("CALC_KAFKA__CLIENT__SECURITY_PROTOCOL", "SSL"),
            ("CALC_KAFKA__CLIENT__SSL_CA_LOCATION", "/etc/ssl/certs/ca-certificates.crt"), ("CALC_KAFKA__PRODUCER__LINGER_MS", "20"));

        Assert.Empty(problems.Items);
        var consumer = settings.Kafka.ConsumerConfig("b:9093", "job-a");
        var producer = settings.Kafka.ProducerConfig("b:9093");
        var admin = settings.Kafka.AdminConfig("b:9093");
        Assert.Equal("SSL", consumer.Get("security.protocol"));
        Assert.Equal("SSL", producer.Get("security.protocol"));
        Assert.Equal("SSL", admin.Get("security.protocol"));
        Assert.Equal("job-a", consumer.GroupId);
        Assert.Equal(10_000, consumer.SessionTimeoutMs);
        Assert.Equal("20", producer.Get("linger.ms"));
        Assert.Null(consumer.Get("linger.ms"));
    }

    [Fact]
    public void ShouldListEveryProblemWithItsKey()
    {
        var file = Write("calc.json", """
            {
              "logLevl": "debug",
              "logLevel": "loud",
              "kafka": {
                "bootstrapServers": "broker1",
                "client": { "sasl.pasword": "file:/nowhere", "security.protocol": "SASL_SSLX", "sasl.password": "plain-text-in-the-file" },
                "consumer": { "group.id": "mine" }
              },
              "state": { "url": "http://redis:6379" },
              "serve": { "listen": "everywhere", "tlsCert": "cert.pem" }
            }
            """);

        var (_, problems, _) = Load(file);

        var byPath = problems.Items.Select(p => p.Path).ToList();
        Assert.Contains("logLevl", byPath);
        Assert.Contains("logLevel", byPath);
        Assert.Contains("kafka.bootstrapServers", byPath);
        Assert.Contains("kafka.client.security.protocol", byPath);
        Assert.Contains("kafka.client.sasl.pasword", byPath);
        Assert.Contains("kafka.client.sasl.password", byPath);
        Assert.Contains("kafka.consumer.group.id", byPath);
        Assert.Contains("state.url", byPath);
        Assert.Contains("serve.listen", byPath);
        Assert.Contains("serve.tlsKey", byPath);
        Assert.Contains(problems.Items, p => p.Path == "kafka.client.sasl.password" && p.Message.Contains("CALC_KAFKA__CLIENT__SASL_PASSWORD", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.Path == "kafka.client.security.protocol" && p.Message.Contains("SASL_SSLX", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldReadTheOlderVariableNamesAndNoteTheOnesThatAreNoSetting()
    {
        var (settings, problems, notes) = Load(null, ("CALC_KAFKA_BOOTSTRAP_SERVERS", "k:9092"), ("CALC_DATA_DIR", "/var/lib/calc"), ("CALC_SERVE_URL", "https://calc:8443"),
            ("CALC_TOKEN", "calc_abc"), ("CALC_PLUGIN_ROOTS", "/a:/b"), ("CALC_SERVE_ARGS", "--state"), ("CALC_COLOUR", "blue"));

        Assert.Empty(problems.Items);
        Assert.Equal("k:9092", settings.Kafka.BootstrapServers);
        Assert.Equal("/var/lib/calc", settings.DataDir);
        Assert.Equal("https://calc:8443", settings.Serve.Url);
        Assert.Equal("calc_abc", settings.Token);
        Assert.Equal(["/a", "/b"], settings.PluginRoots);
        Assert.Equal(["CALC_COLOUR is not a setting: ignored"], notes);
    }

    [Fact]
    public void ShouldFindCalcJsonInTheDataDirectoryAndRefuseAMissingExplicitFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "data", "calc.json"), """{ "serve": { "groupPrefix": "plant7-" } }""");

        var (found, problems, _) = Load(null, ("CALC_DATA_DIR", Path.Combine(_dir, "data")));
        Assert.Empty(problems.Items);
        Assert.Equal("plant7-", found.Serve.GroupPrefix);

        var (_, missing, _) = Load(null, ("CALC_CONFIG", Path.Combine(_dir, "nope.json")));
        Assert.Equal("config", Assert.Single(missing.Items).Path);
    }

    [Fact]
    public void ShouldReportWhatLibrdkafkaSaysOfTheClientSettingsTogetherOnce()
    {
        var (_, problems, _) = Load(null, ("CALC_KAFKA__CLIENT__SECURITY_PROTOCOL", "SASL_SSL"), ("CALC_KAFKA__CLIENT__SASL_USERNAME", "calc"));

        var problem = Assert.Single(problems.Items);
        Assert.Equal("kafka.client", problem.Path);
        Assert.Contains("No provider for SASL mechanism GSSAPI", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("off", LogLevel.None)]
    [InlineData("trace", LogLevel.Trace)]
    public void ShouldReadTheLevelNamesOfOtherToolsToo(string text, LogLevel expected)
    {
        var (settings, problems, _) = Load(null, ("CALC_LOG_LEVEL", text));

        Assert.Empty(problems.Items);
        Assert.Equal(expected, settings.LogLevel);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("7")]
    public void ShouldRefuseALevelThatIsNone(string text)
    {
        var (_, problems, _) = Load(null, ("CALC_LOG_LEVEL", text));

        Assert.Equal("logLevel", Assert.Single(problems.Items).Path);
    }

    [Fact]
    public void ShouldNameTheVariableOfEveryKey()
    {
        Assert.Equal("CALC_KAFKA__CLIENT__SASL_PASSWORD", SettingsLoader.Variable("kafka.client.sasl.password"));
        Assert.Equal("CALC_TSDB__BEARER_TOKEN", SettingsLoader.Variable("tsdb.bearerToken"));
        Assert.Equal("CALC_DATA_DIR", SettingsLoader.Variable("dataDir"));
    }
}
