using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.State;

namespace Calc.Host.Tests;

/// <summary>
/// Ctrl-C on <c>calc run --bootstrap-servers … --state</c>: the run drains, writes the device state and
/// its checkpoint (the stop must not cancel those last writes) and exits 0. It exited 1 ("calc: stopped")
/// with nothing of the last barrier written when the stop's token also cancelled the state writes.
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class StateStopTests : DataDirTest
{
    [Fact]
    public async Task ShouldWriteStateAndCheckpoint_WhenAKafkaRunWithStateIsStopped()
    {
        var day1 = StreamTestKit.WindDayOne();
        var job = Write("wind.json", """
            {"id":"wind-stop","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
             "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
             "outputs":{"kafka":{"topic":"calc-results","internal":false}}}
            """);
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        broker.CreateTopic(StreamingOptions.DefaultOutputTopic, 2);
        StreamTestKit.Produce(servers, "points", day1.Select(r => ("T1", r.GetRawText())));

        using var stop = new CancellationTokenSource();
        var error = new LockedWriter();
        var run = Task.Run(() => Cli.RunAsync(["run", job, "--bootstrap-servers", servers, "--input-topic", "points", "--state"], TextReader.Null, TextWriter.Null, error, stop.Token));
        var read = string.Create(CultureInfo.InvariantCulture, $"read {day1.Count:N0} ");
        var watch = Stopwatch.StartNew();
        while (!error.Text.Contains(read, StringComparison.Ordinal))
        {
            Assert.False(run.IsCompleted, "calc run ended: " + error.Text);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"calc run did not report '{read}': {error.Text}");
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, error.Text);
        Assert.Contains("job 'wind-stop' finished", error.Text, StringComparison.Ordinal);

        var lastPower = day1.Where(r => r.GetProperty("pointId").GetString() == "ActivePower").MaxBy(r => r.GetProperty("time").GetInt64());
        await using var state = await StateConnection.OpenAsync(new StateConnectionOptions { Embedded = new EmbeddedGarnetOptions { DataDirectory = Path.Combine(Dir, "data", "garnet") } });
        var stored = JsonDocument.Parse((string)(await state.Database.HashGetAsync(StateKeys.Latest("o1", "T1"), "ActivePower"))!).RootElement;
        Assert.Equal(lastPower.GetProperty("time").GetInt64(), stored.GetProperty("time").GetInt64());
        Assert.Equal(lastPower.GetProperty("value").GetDouble(), stored.GetProperty("value").GetDouble());

        // The checkpoint of the last barrier: every record read is behind its offsets.
        var checkpoints = new GarnetPartitionCheckpointStore(state.Database, "points", "o1");
        long next = 0;
        for (var partition = 0; partition < 2; partition++)
        {
            next += checkpoints.Load("wind-stop", partition)?.NextOffset ?? 0;
        }

        Assert.Equal(day1.Count, next);
    }
}
