using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;
using Confluent.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// <c>calc replay</c> on the real wind data: after a Kafka run of two days, a replay from the middle of the
/// second day restarts state at its UTC midnight, rewrites exactly the outputs from there on (a 5-hour window
/// that began before midnight keeps its old value rather than one of only its last records), and the final
/// outputs (last value per key) equal a file run of the same records, also after a second replay; a replay
/// with <c>--to</c> stops by itself and a later run continues from its checkpoint.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ReplayCommandTests : DataDirTest
{
    private const long Jan2 = 1_514_851_200_000; // 2018-01-02T00:00:00Z

    private const string Job = """
        {"id":"replay-wind","orgId":"o1","pipeline":[
          {"op":"template","template":"time-window-aggregation","settings":{"window":"1h"},
           "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]},
          {"op":"template","template":"time-window-aggregation","settings":{"window":"5h"},
           "policies":[{"input":"turbine::WindSpeed","aggregation":"max","output":"turbine::WS_MAX_5H"}]},
          {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"UTC","detailInterval":"1h","maxGap":"1h"},
           "policies":[{"input":"turbine::ActivePower","dailyOutput":"turbine::ENERGY_DAY","detailOutput":"turbine::ENERGY_1H"}]}],
         "source":{"kafka":{"topic":"points"}},
         "outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    [Fact]
    public void ShouldRewriteTheOutputsFromTheDaysStartAndEndAsAFileRunAlsoWhenReplayedTwice()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 4);
        var job = Write("job.json", Job);
        var expected = Expected(job, day1.Concat(day2));
        var expectedDay2 = expected.Where(e => TimeOf(e.Key) >= Jan2).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", day1.Concat(day2));
        var checkpoints = Path.Combine(Dir, "cp");

        var (exit, _, error) = CliRunner.Run("run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);
        Assert.True(exit == 0, error);
        var firstRun = Messages(servers, "results");
        StreamTestKit.AssertSameResults(expected, StreamTestKit.Latest(firstRun.Select(m => m.Value)));

        for (var replay = 1; replay <= 2; replay++)
        {
            var before = Ends(Messages(servers, "results"));
            (exit, _, error) = CliRunner.Run("replay", job, "--from", "2018-01-02T06:00:00Z", "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);

            Assert.True(exit == 0, error);
            Assert.Contains("calc replay: state restarts empty at 2018-01-02T00:00:00Z, the start of the day (UTC) containing 2018-01-02T06:00:00Z", error, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"calc replay: recomputed from 2018-01-02T00:00:00Z; {day1.Count:N0} records before it were skipped"), error, StringComparison.Ordinal);
            // Epoch-aligned 5-hour windows: the one of 2018-01-01T22:00Z straddles midnight, its partial outputs are not written.
            Assert.Matches(@"calc replay: [\d,]+ outputs dated before 2018-01-02T00:00:00Z \(of windows that began before it\) were not written", error);
            var all = Messages(servers, "results");
            var rewritten = all.Where(m => m.Offset >= before.GetValueOrDefault(m.Partition)).Select(m => m.Value).ToList();
            // The replay wrote the second day's outputs again, and nothing of the first day.
            StreamTestKit.AssertSameResults(expectedDay2, StreamTestKit.Latest(rewritten));
            StreamTestKit.AssertSameResults(expected, StreamTestKit.Latest(all.Select(m => m.Value)));
        }
    }

    [Fact]
    public void ShouldStopPastToByItselfAndLeaveACheckpointThatTheNextRunContinues()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 2);
        var job = Write("job.json", Job);
        var expected = Expected(job, day1.Concat(day2));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", day1);
        var checkpoints = Path.Combine(Dir, "cp");
        var (exit, _, error) = CliRunner.Run("run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);
        Assert.True(exit == 0, error);
        StreamTestKit.Produce(servers, "points", day2);

        // No --idle-exit: only --to ends it (a minute's cancellation is the test's guard against a hang).
        var watch = Stopwatch.StartNew();
        (exit, _, error) = RunWithin(TimeSpan.FromSeconds(60), "replay", job, "--from", "2018-01-01T20:00:00Z", "--to", "2018-01-02T06:00:00Z", "--bootstrap-servers", servers, "--checkpoint-dir", checkpoints);

        Assert.True(exit == 0, error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(55), error);
        Assert.Contains("calc replay: stops once every partition read past 2018-01-02T06:00:00Z or reached its end", error, StringComparison.Ordinal);
        // The job's 5-hour windows do not divide the day (here none spans the restart: the data begins at it).
        Assert.Contains("calc replay: warning: windows that do not divide the day can begin before 2018-01-01T00:00:00Z (pipeline[1] (time-window-aggregation) turbine::WS_MAX_5H: 05:00:00)", error, StringComparison.Ordinal);
        var warning = error.Split('\n').Single(l => l.StartsWith("calc replay: warning:", StringComparison.Ordinal));
        Assert.DoesNotContain("P_1H", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("ENERGY", warning, StringComparison.Ordinal);
        Assert.Contains("calc replay: every partition is past 2018-01-02T06:00:00Z or at its end", error, StringComparison.Ordinal);
        // The progress line says how far event time got and the rate; it comes at the once-a-second tick that also checks --to.
        Assert.Matches(@"replay at 2018-01-0[12]T\d\d:\d\d:\d\dZ  read [\d,]+ \([\d,]+/s\)  skipped [\d,]+", error);

        (exit, _, error) = CliRunner.Run("run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);

        Assert.True(exit == 0, error);
        StreamTestKit.AssertSameResults(expected, StreamTestKit.Latest(Messages(servers, "results").Select(m => m.Value)));
    }

    [Fact]
    public void ShouldRestartAnEnergyJobAtItsLocalMidnightOnTheRealPvPlant()
    {
        // The real PV plant (22 inverters, 15-minute data, 15..17 May 2020 in Asia/Kolkata, UTC+05:30).
        const string job = """
            {"id":"replay-plant","orgId":"o1","pipeline":[
              {"op":"template","template":"energy-by-meter-reading","settings":{"timeZone":"Asia/Kolkata"},
               "policies":[{"input":"inverter::TOTAL_YIELD","dailyOutput":"inverter::ENERGY_DAY"}]},
              {"op":"template","template":"energy-by-instant-power","settings":{"timeZone":"Asia/Kolkata","detailInterval":"1h","maxGap":"1h"},
               "policies":[{"input":"inverter::AC_POWER","dailyOutput":"inverter::AC_ENERGY_DAY","detailOutput":"inverter::AC_ENERGY_1H"}]}],
             "source":{"kafka":{"topic":"points"}},
             "outputs":{"kafka":{"topic":"results","internal":false}}}
            """;
        var jobPath = Write("plant.json", job);
        var lines = File.ReadAllLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Length > 0).ToList();
        var expected = Expected(jobPath, lines.Select(l => ("", l)));
        // 16 May in Kolkata begins at 2020-05-15T18:30Z, before the UTC day of 2020-05-16T06:30Z: state restarts there.
        var restart = DateTimeOffset.Parse("2020-05-16T00:00:00+05:30", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var expectedFromRestart = expected.Where(e => TimeOf(e.Key) >= restart).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", lines.Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("assetId").GetString()!, l)));
        var checkpoints = Path.Combine(Dir, "cp");
        var (exit, _, error) = CliRunner.Run("run", jobPath, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);
        Assert.True(exit == 0, error);
        var before = Ends(Messages(servers, "results"));

        (exit, _, error) = CliRunner.Run("replay", jobPath, "--from", "2020-05-16T06:30:00Z", "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);

        Assert.True(exit == 0, error);
        Assert.Contains("calc replay: state restarts empty at 2020-05-15T18:30:00Z, the start of the day (UTC / Asia/Kolkata) containing 2020-05-16T06:30:00Z", error, StringComparison.Ordinal);
        var skipped = lines.Count(l => JsonDocument.Parse(l).RootElement.GetProperty("time").GetInt64() < restart);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{skipped:N0} records before it were skipped"), error, StringComparison.Ordinal);
        var all = Messages(servers, "results");
        StreamTestKit.AssertSameResults(expectedFromRestart, StreamTestKit.Latest(all.Where(m => m.Offset >= before.GetValueOrDefault(m.Partition)).Select(m => m.Value)));
        StreamTestKit.AssertSameResults(expected, StreamTestKit.Latest(all.Select(m => m.Value)));
    }

    [Fact]
    public async Task ShouldSayWhenItCaughtUpAndKeepSkippingRecordsDatedBeforeTheRestart()
    {
        var (day1, day2) = StreamTestKit.WindRecords(turbines: 2);
        var job = Write("job.json", Job);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", day1.Concat(day2));
        var checkpoints = Path.Combine(Dir, "cp");
        var (exit, _, error) = CliRunner.Run("run", job, "--bootstrap-servers", servers, "--idle-exit", "3s", "--checkpoint-dir", checkpoints);
        Assert.True(exit == 0, error);

        var (replay, log) = StreamTestKit.StartCalc("replay", job, "--from", "2018-01-02T06:00:00Z", "--bootstrap-servers", servers, "--idle-exit", "10s", "--checkpoint-dir", checkpoints);
        try
        {
            await StreamTestKit.WaitFor(() => Task.FromResult(StreamTestKit.Text(log).Contains("caught up: running as the live job", StringComparison.Ordinal)), "the replay to catch up", replay, log);
            // A late record of the first day after the catch-up: the replay's state never held that day, so it is skipped, not computed from itself alone.
            StreamTestKit.Produce(servers, "points", [("T1", "{\"orgId\":\"o1\",\"modelId\":\"turbine\",\"assetId\":\"T1\",\"pointId\":\"ActivePower\",\"time\":1514808300000,\"value\":1.5}")]);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await replay.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!replay.HasExited)
            {
                replay.Kill(entireProcessTree: true);
            }
        }

        var text = StreamTestKit.Text(log).Replace("\r", "", StringComparison.Ordinal);
        Assert.True(replay.ExitCode == 0, text);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{day1.Count + 1:N0} records before it were skipped"), text, StringComparison.Ordinal);
        Assert.Matches(string.Create(CultureInfo.InvariantCulture, $@"records read\s+{day2.Count:N0}\n"), text);
    }

    [Fact]
    public async Task ShouldRefuseWhileTheJobStillRunsInItsGroupAndCommitNothing()
    {
        var (day1, _) = StreamTestKit.WindRecords(turbines: 2);
        var job = Write("job.json", Job);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", day1);
        var checkpoints = Path.Combine(Dir, "cp");
        var (live, log) = StreamTestKit.StartCalc("run", job, "--bootstrap-servers", servers, "--checkpoint-dir", checkpoints);
        try
        {
            await StreamTestKit.WaitFor(() => Task.FromResult(StreamTestKit.Text(log).Contains("partitions 2", StringComparison.Ordinal) && StreamTestKit.Text(log).Contains($"read {day1.Count:N0} ", StringComparison.Ordinal)), "the live job to read the first day", live, log);
            var before = Messages(servers, "results").Count;

            var (exit, _, error) = RunWithin(TimeSpan.FromSeconds(60), "replay", job, "--from", "2018-01-01T06:00:00Z", "--bootstrap-servers", servers, "--checkpoint-dir", Path.Combine(Dir, "cp-replay"));

            Assert.True(exit == 1, error);
            Assert.Contains("calc replay: job 'replay-wind': the consumer group 'replay-wind' has other members (this replay was given 1 of the 2 partitions of 'points'): the job still runs", error, StringComparison.Ordinal);
            Assert.Equal(before, Messages(servers, "results").Count);
            Assert.False(Directory.Exists(Path.Combine(Dir, "cp-replay")) && Directory.EnumerateFiles(Path.Combine(Dir, "cp-replay"), "*", SearchOption.AllDirectories).Any(), "the refused replay wrote a checkpoint");
        }
        finally
        {
            live.Kill(entireProcessTree: true);
            await live.WaitForExitAsync();
        }
    }

    [Fact]
    public void ShouldAskForKafkaWithoutBootstrapServers()
    {
        var job = Write("job.json", Job);

        var (exit, _, error) = CliRunner.Run("replay", job, "--from", "2018-01-02");

        Assert.Equal(2, exit);
        Assert.StartsWith("calc replay: give --bootstrap-servers HOST:PORT (or the kafka.bootstrapServers setting", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseWithoutFromAndATimeItCannotRead()
    {
        var job = Write("job.json", Job);

        var (exit, _, error) = CliRunner.Run("replay", job, "--to", "yesterday");

        Assert.Equal(2, exit);
        Assert.Contains("calc replay: --from TIME is required", error, StringComparison.Ordinal);
        Assert.Contains("calc replay: --to 'yesterday' is not a time", error, StringComparison.Ordinal);
        Assert.Contains("usage: calc replay JOB.json --from TIME", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Out, string Error) RunWithin(TimeSpan limit, params string[] args)
    {
        using var cancel = new CancellationTokenSource(limit);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.RunAsync(args, TextReader.Null, stdout, stderr, cancel.Token).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The last value per (asset, point, time) of a file run of the same records.</summary>
    private Dictionary<string, double> Expected(string job, IEnumerable<(string Key, string Json)> records)
    {
        var input = Write("all.ndjson", string.Join('\n', records.Select(r => r.Json)));
        var output = Path.Combine(Dir, "expected.ndjson");
        var (exit, _, error) = CliRunner.Run("run", job, "--input", input, "--output", output);
        Assert.True(exit == 0, error);
        return StreamTestKit.Latest(File.ReadLines(output));
    }

    private static long TimeOf(string key) => long.Parse(key[(key.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    private static Dictionary<int, long> Ends(List<(int Partition, long Offset, string Value)> messages) =>
        messages.GroupBy(m => m.Partition).ToDictionary(g => g.Key, g => g.Max(m => m.Offset) + 1);

    /// <summary>Every message of a topic with its partition and offset, each partition read to its high watermark.</summary>
    private static List<(int Partition, long Offset, string Value)> Messages(string servers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = servers, GroupId = "reader-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false }).Build();
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < 2; p++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value;
            if (high > 0)
            {
                ends[p] = high;
            }
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var messages = new List<(int, long, string)>();
        var watch = Stopwatch.StartNew();
        while (ends.Count > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{topic}: partitions {string.Join(", ", ends.Keys)} not read to their end within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message: not null } result)
            {
                continue;
            }

            messages.Add((result.Partition.Value, result.Offset.Value, result.Message.Value));
            if (result.Offset.Value + 1 >= ends.GetValueOrDefault(result.Partition.Value, long.MaxValue))
            {
                ends.Remove(result.Partition.Value);
            }
        }

        return messages;
    }
}
