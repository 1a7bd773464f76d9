using System.Diagnostics;
using Calc.Sdk;

namespace Calc.Engine.Kafka.Tests;

/// <summary>A standard Kafka client (kcat, Debian package <c>kcat</c>) produces; Calc consumes.</summary>
public sealed class KcatInteropTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task ShouldConsumeWhatKcatProducedIntoTheEmbeddedBroker()
    {
        var topic = TestKafka.NewTopic(fixture.Broker, partitions: 1);
        var lines = string.Join('\n',
            """INV01|{"orgId":"o1","modelId":"inverter","assetId":"INV01","pointId":"AC_POWER","time":"2020-05-15T00:00:00Z","value":22.98}""",
            """INV02|{"orgId":"o1","modelId":"inverter","assetId":"INV02","time":1589500800000,"points":{"DC_POWER":229.8,"AC_POWER":{"value":22.5,"quality":1}}}""") + "\n";
        var start = new ProcessStartInfo("kcat", ["-b", fixture.Bootstrap, "-t", topic, "-P", "-K", "|", "-p", "0"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };

        using (var kcat = Process.Start(start)!)
        {
            await kcat.StandardInput.WriteAsync(lines);
            kcat.StandardInput.Close();
            var stderr = await kcat.StandardError.ReadToEndAsync();
            await kcat.WaitForExitAsync();
            Assert.True(kcat.ExitCode == 0, "kcat failed: " + stderr);
        }

        using var source = TestKafka.Source(fixture.Bootstrap, topic, "g-" + Guid.NewGuid().ToString("N"));
        var read = TestKafka.ConsumeRecords(source, 3);

        Assert.Equal(
            [("INV01", "AC_POWER", 1589500800000L, 22.98, 0), ("INV02", "DC_POWER", 1589500800000L, 229.8, 0), ("INV02", "AC_POWER", 1589500800000L, 22.5, 1)],
            read.Select(r => (r.Record.AssetId, r.Record.PointId, r.Record.Time, r.Record.Value.Number, r.Record.Quality)));
        Assert.Equal([0L, 1L, 1L], read.Select(r => r.Offset));
        Assert.Equal(PointValueKind.Number, read[0].Record.Value.Kind);
    }
}
