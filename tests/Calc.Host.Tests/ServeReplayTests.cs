using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;
using Xunit.Abstractions;

namespace Calc.Host.Tests;

/// <summary>
/// <c>POST /jobs/{id}/replay</c> and <c>PUT /jobs/{id}?recomputeFrom</c> on the real wind data: the served job itself is rewound to
/// the start of the day, reads on into live data, and its final outputs (last value per key) equal one file run of the same
/// records, also when replayed twice, with live data produced during the replay, and with <c>calc serve</c> restarted in the
/// middle (a request left before the replay's first checkpoint is redone at the restart).
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeReplayTests(ITestOutputHelper output) : DataDirTest
{
    private const long Jan2 = 1_514_851_200_000; // 2018-01-02T00:00:00Z
    private const long Jan3 = Jan2 + 86_400_000;
    private const int Turbines = 4;

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
    public async Task ShouldRewindTheServedJobTwiceWithLiveDataAndEndAsOneFileRun()
    {
        var (day1, day2) = StreamTestKit.WindRecords(Turbines);
        var noon = day2.FindIndex(r => TimeOf(r.Json) >= Jan2 + 43_200_000);
        var all = day1.Concat(day2).Concat(Closers()).ToList();
        var expected = UpToJan3(Expected(Job, all));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/replay-wind", Job)).Status);
        StreamTestKit.Produce(servers, "points", day1.Concat(day2.Take(noon)));
        await serve.WaitFor("replay-wind", s => s.GetProperty("read").GetInt64() == day1.Count + noon, "read up to noon of day 2");

        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02T06:00:00Z");

        Assert.True(status == 202, body.ToString());
        Assert.Equal(Jan2, body.GetProperty("restartAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        // Live data goes on arriving while the job replays: the rest of day 2, and later records that close its windows and day.
        StreamTestKit.Produce(servers, "points", day2.Skip(noon).Concat(Closers()));
        var replayed = await serve.WaitFor("replay-wind", s => Replay(s) is { } r && r.GetProperty("caughtUp").GetBoolean() && ReadAgain(s) == all.Count, "catch up after reading every record again");
        var replay = replayed.GetProperty("replay");
        output.WriteLine("status after the first replay: " + replayed);
        Assert.Equal(day1.Count, replay.GetProperty("skipped").GetInt64());
        Assert.Equal(Jan2, replay.GetProperty("restartAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("anonymous", replay.GetProperty("requestedBy").GetString());
        Assert.Equal(1.0, replay.GetProperty("fraction").GetDouble());

        // Again, through the client with a progress bar, for a range: past 'to' the job runs on from the replay's checkpoint.
        var (exit, stdout, stderr) = await ClientAsync("jobs", "replay", "replay-wind", "--from", "2018-01-02T03:00:00Z", "--to", "2018-01-02T09:00:00Z", "--url", serve.Http.BaseAddress!.ToString());

        Assert.True(exit == 0, stderr + stdout);
        output.WriteLine("calc jobs replay: " + stdout + stderr);
        Assert.Matches(@"\[[#.]{30}\] +\d+\.\d%  at (-|2018-01-0[23]T\d\d:\d\d:\d\dZ)  [\d,]+ records/s  read [\d,]+  skipped [\d,]+  left ", stderr);
        Assert.Contains("calc jobs replay: job 'replay-wind' went past 2018-01-02T09:00:00Z: the job runs on from the replay's checkpoint", stderr, StringComparison.Ordinal);
        await serve.WaitFor("replay-wind", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("lag").GetInt64() == 0 && s.GetProperty("partitions").GetInt32() == 2, "run on normally to the end");
        var audit = (await serve.Send(HttpMethod.Get, "/audit")).Body.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "job.replay").Select(e => e.GetProperty("detail").GetString()).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains("from 2018-01-02T06:00:00Z, state restarts at 2018-01-02T00:00:00Z", audit);
        Assert.Contains("from 2018-01-02T03:00:00Z to 2018-01-02T09:00:00Z, state restarts at 2018-01-02T00:00:00Z", audit);
        Assert.Equal(0, await serve.StopAsync());
        Assert.Null(PendingReplay());

        StreamTestKit.AssertSameResults(expected, UpToJan3(StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", 2))));
    }

    [Fact]
    public async Task ShouldEndAsOneFileRunWhenTheServiceRestartsInTheMiddleOfAReplay()
    {
        var (day1, day2) = StreamTestKit.WindRecords(Turbines);
        var all = day1.Concat(day2).Concat(Closers()).ToList();
        var expected = UpToJan3(Expected(Job, all));
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", all);
        await using (var first = new ServeHarness(servers))
        {
            Assert.Equal(201, (await first.Send(HttpMethod.Put, "/jobs/replay-wind", Job)).Status);
            await first.WaitFor("replay-wind", s => s.GetProperty("read").GetInt64() == all.Count, "read every record");
            // Stopped right after the replay was asked: it may or may not have reached its first checkpoint.
            Assert.Equal(202, (await first.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02T06:00:00Z")).Status);
            Assert.Equal(0, await first.StopAsync());
        }

        await using (var second = new ServeHarness(servers))
        {
            await second.WaitFor("replay-wind", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("lag").GetInt64() == 0 && s.GetProperty("partitions").GetInt32() == 2, "run to the end after the restart");
            Assert.Equal(0, await second.StopAsync());
        }

        StreamTestKit.AssertSameResults(expected, UpToJan3(StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", 2))));

        // What a service killed before the replay's first checkpoint leaves: the request stored with the job, the checkpoints old.
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            store.SetJobReplay(new JobReplay("replay-wind", 1, Jan2 + 21_600_000, null, DateTimeOffset.UtcNow, "ci"));
        }

        await using (var third = new ServeHarness(servers))
        {
            // The restart rewinds again rather than restoring the old checkpoint: it reads every record, skips day 1.
            var status = await third.WaitFor("replay-wind", s => Replay(s) is { } r && r.GetProperty("caughtUp").GetBoolean() && r.GetProperty("checkpointed").GetBoolean() && ReadAgain(s) == all.Count, "replay again after the restart");
            Assert.Equal(day1.Count, status.GetProperty("replay").GetProperty("skipped").GetInt64());
            Assert.Equal("ci", status.GetProperty("replay").GetProperty("requestedBy").GetString());
            Assert.Contains("calc serve: job 'replay-wind': replay from 2018-01-02T06:00:00Z asked by ci: state restarts empty at 2018-01-02T00:00:00Z, the start of the day (UTC)", third.Log, StringComparison.Ordinal);
            Assert.Equal(0, await third.StopAsync());
        }

        // Its checkpoint committed, the request is gone: the next start continues from the replay's checkpoint.
        Assert.Null(PendingReplay());
        StreamTestKit.AssertSameResults(expected, UpToJan3(StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", 2))));
    }

    [Fact]
    public async Task ShouldStartANewVersionWithARecomputeAndKeepTheOldOutputsBeforeIt()
    {
        var (day1, day2) = StreamTestKit.WindRecords(Turbines);
        var all = day1.Concat(day2).Concat(Closers()).ToList();
        var version2 = Job.Replace("\"aggregation\":\"avg\"", "\"aggregation\":\"max\"", StringComparison.Ordinal);
        var old = UpToJan3(Expected(Job, all));
        var recomputed = UpToJan3(Expected(version2, all));
        // Outputs dated from the restart (2018-01-02T00:00Z) on come from version 2, older ones stay those of version 1.
        var expected = old.Where(e => TimeOfKey(e.Key) < Jan2).Concat(recomputed.Where(e => TimeOfKey(e.Key) >= Jan2)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        Assert.Contains(expected, e => e.Key.Contains("/P_1H/", StringComparison.Ordinal) && TimeOfKey(e.Key) >= Jan2 && e.Value != old[e.Key]);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic("results", 2);
        StreamTestKit.Produce(servers, "points", all);
        await using var serve = new ServeHarness(servers);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/replay-wind", Job)).Status);
        await serve.WaitFor("replay-wind", s => s.GetProperty("read").GetInt64() == all.Count, "read every record");

        var (exit, stdout, stderr) = await ClientAsync("jobs", "put", Write("v2.json", version2), "--recompute-from", "2018-01-02T06:00:00Z", "--url", serve.Http.BaseAddress!.ToString());

        Assert.True(exit == 0, stderr + stdout);
        using (var answer = JsonDocument.Parse(stdout.Split('\n')[0]))
        {
            Assert.Equal(2, answer.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(Jan2, answer.RootElement.GetProperty("recomputeFrom").GetDateTimeOffset().ToUnixTimeMilliseconds());
        }

        Assert.Contains("calc jobs replay: job 'replay-wind' caught up with live data and runs on as the live job", stderr, StringComparison.Ordinal);
        var bad = await serve.Send(HttpMethod.Put, "/jobs/replay-wind?recomputeFrom=yesterday", version2);
        Assert.Equal(400, bad.Status);
        Assert.Equal("PUT /jobs/replay-wind?recomputeFrom=TIME: recomputeFrom: 'yesterday' is not a time: give epoch milliseconds (1514851200000) or ISO-8601 (2018-01-02T00:00:00Z)", bad.Body.GetProperty("error").GetString());
        Assert.Equal(0, await serve.StopAsync());

        StreamTestKit.AssertSameResults(expected, UpToJan3(StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, "results", 2))));
    }

    [Fact]
    public async Task ShouldNeedAnEngineerOfTheJobsOrgAndSayWhatIsWrongWithTheTimes()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        string engineer, viewer, other;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            engineer = store.CreateToken("ci", "o1", "engineer", null).Secret;
            viewer = store.CreateToken("grafana", "o1", "viewer", null).Secret;
            other = store.CreateToken("ci2", "o2", "engineer", null).Secret;
        }

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        await using var serve = new ServeHarness(servers, insecureLocal: false);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/replay-wind", Job, engineer)).Status);

        Assert.Equal(403, (await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02", token: viewer)).Status);
        Assert.Equal(404, (await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02", token: other)).Status);
        var (status, body) = await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?to=soon", token: engineer);
        Assert.Equal(400, status);
        Assert.Equal("POST /jobs/replay-wind/replay?from=TIME[&to=TIME]: from: say from when to recompute (from=2018-01-02T06:00:00Z or epoch milliseconds); to: 'soon' is not a time: give epoch milliseconds (1514851200000) or ISO-8601 (2018-01-02T00:00:00Z)", body.GetProperty("error").GetString());
        (status, body) = await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02&to=2018-01-01", token: engineer);
        Assert.Equal("POST /jobs/replay-wind/replay?from=TIME[&to=TIME]: to: 2018-01-01 is not after from 2018-01-02", body.GetProperty("error").GetString());
        Assert.Equal(404, (await serve.Send(HttpMethod.Post, "/jobs/nope/replay?from=2018-01-02", token: engineer)).Status);
        (status, body) = await serve.Send(HttpMethod.Post, "/jobs/replay-wind/replay?from=2018-01-02T06:00:00Z", token: engineer);
        Assert.True(status == 202, body.ToString());
        Assert.Equal(Jan2, body.GetProperty("restartAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Issue 19, point 4 at CI size: the real PV plant's 3 days (22 inverters, 15-minute data) replayed through an energy job and a
    /// window job served side by side; their outputs equal file runs. The multiple of real time is reported, not asserted.
    /// </summary>
    [Fact]
    public async Task ShouldReplayThePvPlantThroughAnEnergyAndAWindowJobLikeFileRuns()
    {
        const string energy = """
            {"id":"plant-energy","orgId":"o1","template":"energy-by-instant-power","settings":{"timeZone":"Asia/Kolkata","detailInterval":"1h","maxGap":"1h"},
             "policies":[{"input":"inverter::AC_POWER","dailyOutput":"inverter::AC_ENERGY_DAY","detailOutput":"inverter::AC_ENERGY_1H"}],
             "source":{"kafka":{"topic":"plant"}},"outputs":{"kafka":{"topic":"plant-energy","internal":false}}}
            """;
        const string window = """
            {"id":"plant-window","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
             "policies":[{"input":"inverter::AC_POWER","aggregation":"avg","output":"inverter::AC_POWER_1H"},
                         {"input":"inverter::TOTAL_YIELD","aggregation":"max","output":"inverter::TOTAL_YIELD_MAX_1H"}],
             "source":{"kafka":{"topic":"plant"}},"outputs":{"kafka":{"topic":"plant-window","internal":false}}}
            """;
        var lines = File.ReadAllLines(CliRunner.Fixture("solar-plant1-3days.ndjson")).Where(l => l.Length > 0).ToList();
        var records = lines.Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("assetId").GetString()!, l)).ToList();
        var last = lines.Max(TimeOf);
        var closers = records.Select(r => r.Item1).Distinct(StringComparer.Ordinal)
            .SelectMany(a => new[] { "AC_POWER", "TOTAL_YIELD" }.Select(p => (a, $$$"""{"orgId":"o1","modelId":"inverter","assetId":"{{{a}}}","pointId":"{{{p}}}","time":{{{last + 2 * 86_400_000}}},"value":0}"""))).ToList();
        var all = records.Concat(closers).ToList();
        var cut = last + 86_400_000;
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        foreach (var topic in new[] { "plant", "plant-energy", "plant-window" })
        {
            broker.CreateTopic(topic, 2);
        }

        StreamTestKit.Produce(servers, "plant", all);
        await using var serve = new ServeHarness(servers);
        foreach (var (id, job) in new[] { ("plant-energy", energy), ("plant-window", window) })
        {
            Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/" + id, job)).Status);
            await serve.WaitFor(id, s => s.GetProperty("read").GetInt64() == all.Count, "read the plant");
        }

        var first = lines.Min(TimeOf);
        foreach (var (id, job) in new[] { ("plant-energy", energy), ("plant-window", window) })
        {
            var watch = Stopwatch.StartNew();
            var (status, body) = await serve.Send(HttpMethod.Post, $"/jobs/{id}/replay?from={first}");
            Assert.True(status == 202, body.ToString());
            var done = await serve.WaitFor(id, s => Replay(s) is { } r && r.GetProperty("caughtUp").GetBoolean() && ReadAgain(s) == all.Count, "replay the plant");
            watch.Stop();
            var restart = done.GetProperty("replay").GetProperty("restartAt").GetDateTimeOffset().ToUnixTimeMilliseconds();
            var multiple = (last - restart) / watch.Elapsed.TotalMilliseconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}: {all.Count:N0} records, {(last - restart) / 3_600_000.0:0.#} h of event time replayed in {watch.Elapsed.TotalSeconds:0.00} s (request to caught up, polled every 0.1 s): {multiple:N0} x real time"));
        }

        Assert.Equal(0, await serve.StopAsync());
        foreach (var (id, job) in new[] { ("plant-energy", energy), ("plant-window", window) })
        {
            var expected = Expected(job, all).Where(e => TimeOfKey(e.Key) < cut).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var actual = StreamTestKit.Latest(StreamTestKit.ConsumeAll(servers, id, 2)).Where(e => TimeOfKey(e.Key) < cut).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            StreamTestKit.AssertSameResults(expected, actual);
        }
    }

    /// <summary>Records a replay read again: those it processed and those it skipped as dated before its restart.</summary>
    private static long ReadAgain(JsonElement status) => status.GetProperty("read").GetInt64() + status.GetProperty("replay").GetProperty("skipped").GetInt64();

    private static JsonElement? Replay(JsonElement status) => status.TryGetProperty("replay", out var r) && r.ValueKind == JsonValueKind.Object ? r : null;

    /// <summary>One record per turbine and point two days later, so that every window and day up to 2018-01-03 closes on the stream as in the file run.</summary>
    private static IEnumerable<(string Key, string Json)> Closers()
    {
        for (var t = 1; t <= Turbines; t++)
        {
            foreach (var point in new[] { "ActivePower", "WindSpeed" })
            {
                yield return ("T" + t, $$$"""{"orgId":"o1","modelId":"turbine","assetId":"T{{{t}}}","pointId":"{{{point}}}","time":{{{Jan3 + 86_400_000}}},"value":0,"attr":{"siteId":"wf{{{(t + 1) / 2}}}"}}""");
            }
        }
    }

    private JobReplay? PendingReplay()
    {
        using var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName));
        return store.JobReplay("replay-wind");
    }

    private static async Task<(int Exit, string Out, string Error)> ClientAsync(params string[] args)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Cli.RunAsync(args, TextReader.Null, stdout, stderr, cancel.Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The last value per (asset, point, time) of a file run of the job over the records.</summary>
    private Dictionary<string, double> Expected(string job, IEnumerable<(string Key, string Json)> records)
    {
        var name = Guid.NewGuid().ToString("N");
        var input = Write(name + ".ndjson", string.Join('\n', records.Select(r => r.Json)));
        var result = Path.Combine(Dir, name + ".out.ndjson");
        var (exit, _, error) = CliRunner.Run("run", Write(name + ".json", job), "--input", input, "--output", result);
        Assert.True(exit == 0, error);
        return StreamTestKit.Latest(File.ReadLines(result));
    }

    private static Dictionary<string, double> UpToJan3(Dictionary<string, double> outputs) =>
        outputs.Where(e => TimeOfKey(e.Key) < Jan3).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static long TimeOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("time").GetInt64();

    private static long TimeOfKey(string key) => long.Parse(key[(key.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
}
