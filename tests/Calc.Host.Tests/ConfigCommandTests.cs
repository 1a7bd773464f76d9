namespace Calc.Host.Tests;

/// <summary><c>calc config show|check</c> and the start-up check of the configuration every command does.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ConfigCommandTests : DataDirTest
{
    [Fact]
    public void ShouldShowEveryValueWithItsSourceAndMaskSecrets()
    {
        var secret = Write("password", "hunter2\n");
        var config = Write("calc.json", $$"""
            { "kafka": { "bootstrapServers": "broker1:9093", "client": { "security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "calc", "sasl.password": "file:{{secret}}" } },
              "serve": { "listen": "0.0.0.0:8443" } }
            """);
        Environment.SetEnvironmentVariable("CALC_SERVE__LISTEN", "127.0.0.1:9000");
        try
        {
            var (exit, output, error) = CliRunner.Run("config", "show", "--config", config);

            Assert.True(exit == 0, error + output);
            Assert.Contains($"calc configuration from {config}", output, StringComparison.Ordinal);
            Assert.Matches(@"kafka\.bootstrapServers\s+broker1:9093\s+calc\.json \(", output);
            Assert.Matches(@"kafka\.client\.security\.protocol\s+SASL_SSL\s+calc\.json", output);
            Assert.Matches(@"kafka\.client\.sasl\.password\s+\*{6} \(from file " + System.Text.RegularExpressions.Regex.Escape(secret) + @"\)", output);
            Assert.Matches(@"serve\.listen\s+127\.0\.0\.1:9000\s+env CALC_SERVE__LISTEN", output);
            Assert.Matches(@"dataDir\s+.+\s+env CALC_DATA_DIR", output);
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALC_SERVE__LISTEN", null);
        }
    }

    [Fact]
    public void ShouldRefuseToStartAnyCommandOnAnInvalidConfigurationListingEveryProblem()
    {
        var config = Write("calc.json", """
            { "kafka": { "bootstrapServers": "broker1", "client": { "sasl.password": "in-the-file", "securty.protocol": "SSL" } }, "logLevel": "loud" }
            """);
        var job = Write("job.json", """{"id":"j","orgId":"o1","pipeline":[{"op":"expression","expression":"${m::x} * 2","output":"m::y"}]}""");

        var (exit, _, error) = CliRunner.Run("check", job, "--config", config);

        Assert.Equal(2, exit);
        Assert.Contains("calc check: the configuration is invalid; 'calc config show' prints it with where each value came from (4 problems):", error, StringComparison.Ordinal);
        Assert.Contains("kafka.bootstrapServers: 'broker1' is not HOST:PORT", error, StringComparison.Ordinal);
        Assert.Contains("kafka.client.sasl.password: a secret cannot be written in calc.json", error, StringComparison.Ordinal);
        Assert.Contains("kafka.client.securty.protocol: No such configuration property: \"securty.protocol\"", error, StringComparison.Ordinal);
        Assert.Contains("logLevel: 'loud' is not a level", error, StringComparison.Ordinal);

        var (checkExit, checkOut, _) = CliRunner.Run("config", "check", "--config", Write("good.json", """{ "logLevel": "warning" }"""));
        Assert.Equal(0, checkExit);
        Assert.Contains("calc config: ok", checkOut, StringComparison.Ordinal);
    }
}
