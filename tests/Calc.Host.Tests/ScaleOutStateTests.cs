using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// A worker that takes over a partition whose group has committed offsets but whose checkpoint it cannot read (the
/// file is on another machine) used to start it with empty state and emit windows of part of their records; it now
/// refuses, unless told to accept empty state. A stateless job loses nothing and goes on.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ScaleOutStateTests : DataDirTest
{
    private const string WindowJob = """
        {"id":"wind job","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1d"},
         "policies":[{"input":"turbine::WindSpeed","aggregation":"count","output":"turbine::N"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private const string StatelessJob = """
        {"id":"scaled","orgId":"o1","pipeline":[
           {"op":"threshold","input":"turbine::WindSpeed","threshold":"[0,40]"},
           {"op":"expression","expression":"${turbine::WindSpeed} * 2","output":"turbine::WS2"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public void ShouldRefuseAPartitionWhoseCheckpointIsMissing_AndGoOnWhenToldToAcceptEmptyState()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 1);
        var job = Write("job.json", WindowJob);
        var checkpoints = Path.Combine(Dir, "cp");
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        string[] Run(params string[] more) => ["run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints, .. more];

        StreamTestKit.Produce(servers, "points", day1);
        var (exit1, _, error1) = CliRunner.Run(Run());
        Assert.True(exit1 == 0, error1);
        Assert.DoesNotContain("warning", error1, StringComparison.Ordinal); // alone in its group: nothing to warn about
        var file = Assert.Single(Directory.GetFiles(checkpoints));
        var outputsOfRun1 = StreamTestKit.ConsumeAll(servers, "results", 1);
        Assert.Equal([144.0], Counts(outputsOfRun1)); // day 1: 144 ten-minute WindSpeed records in one 1d window

        // Another machine: the group committed offset 288, but this worker has no checkpoint file.
        File.Delete(file);
        StreamTestKit.Produce(servers, "points", day2);
        var (refused, _, message) = CliRunner.Run(Run());

        Assert.Equal(1, refused);
        Assert.Contains($"calc run: job 'wind job': partition 0 of 'points' has committed offset 288 in group 'wind job' but no checkpoint in {file}", message, StringComparison.Ordinal);
        Assert.Contains("--state redis://HOST:PORT", message, StringComparison.Ordinal);
        Assert.Contains($"copy {file} from the machine that last ran this partition", message, StringComparison.Ordinal);
        Assert.Contains("--group NAME", message, StringComparison.Ordinal);
        Assert.Contains("accept empty state from offset 288 (calc run --accept-empty-state)", message, StringComparison.Ordinal);
        Assert.Equal(outputsOfRun1.Count, StreamTestKit.ConsumeAll(servers, "results", 1).Count); // nothing was output
        Assert.False(File.Exists(file)); // nor checkpointed

        // Told to, it starts at the committed offset with empty state: day 2 only, nothing of day 1 read again.
        var (exit3, _, error3) = CliRunner.Run(Run("--accept-empty-state"));
        Assert.True(exit3 == 0, error3);
        Assert.Matches(@"records read\s+288\s", error3);
        Assert.Equal([144.0, 144.0], Counts(StreamTestKit.ConsumeAll(servers, "results", 1)));

        // It checkpointed: the next run restores without the option.
        Assert.True(File.Exists(file));
        var (exit4, _, error4) = CliRunner.Run(Run());
        Assert.True(exit4 == 0, error4);
        Assert.Matches(@"records read\s+0\s", error4);
    }

    [Fact]
    public void ShouldStartAStatelessJobWithoutItsCheckpoint()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 1);
        var job = Write("job.json", StatelessJob);
        var checkpoints = Path.Combine(Dir, "cp");
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 1);
        broker.CreateTopic("results", 1);
        string[] run = ["run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints];

        StreamTestKit.Produce(servers, "points", day1);
        var (exit1, _, error1) = CliRunner.Run(run);
        Assert.True(exit1 == 0, error1);
        File.Delete(Assert.Single(Directory.GetFiles(checkpoints)));
        StreamTestKit.Produce(servers, "points", day2);

        var (exit2, _, error2) = CliRunner.Run(run);

        Assert.True(exit2 == 0, error2);
        Assert.Matches(@"records read\s+288\s", error2);
    }

    [Fact]
    public void ShouldWarnOnceWhenTheGroupHasOtherMembersAndCheckpointsAreFiles()
    {
        var job = Write("job.json", WindowJob);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        using var stop = new CancellationTokenSource();
        var other = new Thread(() => Member(servers, "shared", stop.Token));
        other.Start();

        try
        {
            var (exit, _, error) = CliRunner.Run("run", job, "--bootstrap-servers", servers, "--group", "shared", "--idle-exit", "3s", "--checkpoint-dir", Path.Combine(Dir, "cp"));

            Assert.True(exit == 0, error);
            var warning = Assert.Single(error.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
            Assert.StartsWith("calc run: warning: job 'wind job': this worker owns 1 of the 2 partitions of 'points' (group 'shared' has other members), and its checkpoints are local to this machine", warning, StringComparison.Ordinal);
            Assert.Contains("--state redis://HOST:PORT", warning, StringComparison.Ordinal);
        }
        finally
        {
            stop.Cancel();
            other.Join();
        }
    }

    /// <summary>Another member of the group (a worker elsewhere): polls until cancelled, so it keeps its share of the partitions.</summary>
    private static void Member(string servers, string group, CancellationToken stop)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = servers, GroupId = group, EnableAutoCommit = false }).Build();
        consumer.Subscribe("points");
        while (!stop.IsCancellationRequested)
        {
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        }

        consumer.Close();
    }

    private static List<double> Counts(IEnumerable<string> outputs) =>
        [.. outputs.Select(o => JsonDocument.Parse(o).RootElement).Where(r => r.GetProperty("pointId").GetString() == "N").Select(r => r.GetProperty("value").GetDouble())];
}
