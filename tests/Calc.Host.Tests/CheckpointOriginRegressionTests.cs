using System.Text.Json;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// A checkpoint used to be restored whatever it belonged to: after a fresh <c>calc broker</c> got the same records
/// on the same topic name, a job restored <c>nextOffset</c> from the old cluster, read 0 records and exited 0.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class CheckpointOriginRegressionTests : DataDirTest
{
    private const string Job = """
        {"id":"wind job","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1d"},
         "policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public void ShouldRefuseACheckpointOfAnotherClusterAndSayHowToReset()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 1);
        var job = Write("job.json", Job);
        var checkpoints = Path.Combine(Dir, "cp");
        string[] Run(string servers) => ["run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints];

        // A fresh broker while the first still runs: librdkafka names a mock cluster after its address, which a
        // second one in the same process could reuse once the first is freed (separate calc broker processes differ).
        using var second = new EmbeddedKafkaBroker();
        using (var first = new EmbeddedKafkaBroker())
        {
            var servers = first.Start();
            _ = second.Start();
            first.CreateTopic("points", 1);
            first.CreateTopic("results", 1);
            StreamTestKit.Produce(servers, "points", day1);
            var (exit, _, error) = CliRunner.Run(Run(servers));
            Assert.True(exit == 0, error);
        }

        // The job id is escaped, not replaced, and the topic is part of the name.
        var file = Assert.Single(Directory.GetFiles(checkpoints));
        Assert.Equal("wind_20job@points.p0.json", Path.GetFileName(file));
        using (var saved = JsonDocument.Parse(File.ReadAllBytes(file)))
        {
            Assert.Equal((288L, "points", 1), (saved.RootElement.GetProperty("nextOffset").GetInt64(), saved.RootElement.GetProperty("topic").GetString(), saved.RootElement.GetProperty("partitions").GetInt32()));
        }

        var fresh = second.BootstrapServers;
        second.CreateTopic("points", 1);
        second.CreateTopic("results", 1);
        StreamTestKit.Produce(fresh, "points", day1);

        var (refused, _, message) = CliRunner.Run(Run(fresh));

        Assert.True(refused != 0, File.ReadAllText(file) + "\n" + message);
        Assert.Contains("job 'wind job': the checkpoint of partition 0 of 'points' was written on Kafka cluster", message, StringComparison.Ordinal);
        Assert.Contains("not restored; delete " + file, message, StringComparison.Ordinal);

        // Deleting it, as the message says, starts over from the new cluster's committed offsets (none): all 288 records.
        File.Delete(file);
        var (exit2, _, error2) = CliRunner.Run(Run(fresh));
        Assert.True(exit2 == 0, error2);
        Assert.Matches(@"records read\s+288\s", error2);
    }
}
