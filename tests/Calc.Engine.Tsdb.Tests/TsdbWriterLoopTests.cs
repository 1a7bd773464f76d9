using static Calc.Engine.Tsdb.Tests.Points;

namespace Calc.Engine.Tsdb.Tests;

public sealed class TsdbWriterLoopTests
{
    private static readonly TsdbWriterLoopOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(4) };

    [Fact]
    public void ShouldDoubleTheBackoffUpToTheCap()
    {
        var options = new TsdbWriterLoopOptions { InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(1) };

        Assert.Equal([200, 400, 800, 1000, 1000], Enumerable.Range(1, 5).Select(n => options.BackoffAfter(n).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(30), new TsdbWriterLoopOptions().BackoffAfter(1000));
    }

    [Fact]
    public async Task ShouldRetryABatchUntilAcknowledgedAndThenCommitIt()
    {
        var source = new TsdbQueueSource();
        var writer = new FlakyWriter(failFirst: 3);
        var loop = new TsdbWriterLoop(source, writer, Fast);
        source.Write(Number("A", "P", 1, 1));
        source.Write(Number("A", "P", 2, 2));
        source.Complete();

        await loop.RunAsync(default);

        Assert.Equal([1.0, 2.0], writer.Acknowledged.Select(r => r.Value.Number));
        Assert.Equal((4, 3L, 1L, 1L, 0L), (writer.Calls, loop.Stats.FailedAttempts, loop.Stats.Outages, loop.Stats.BatchesCommitted, source.Pending));
        Assert.False(loop.Stats.DatabaseDown);
        Assert.Equal("connection refused", loop.Stats.LastError);
    }

    [Fact]
    public async Task ShouldCatchUpEveryBatchInOrderAfterAnOutage()
    {
        var source = new TsdbQueueSource(maxBatchSize: 10);
        var writer = new FlakyWriter { Down = true };
        var loop = new TsdbWriterLoop(source, writer, Fast);
        var run = loop.RunAsync(default);
        for (var i = 0; i < 100; i++)
        {
            source.Write(Number("A", "P", i, i));
        }

        while (loop.Stats.FailedAttempts < 5)
        {
            await Task.Delay(5);
        }

        Assert.Equal(100, source.Pending);
        writer.Down = false;
        source.Complete();
        await run;

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), writer.Acknowledged.Select(r => r.Value.Number));
        Assert.Equal((10L, 100L, 0L), (loop.Stats.BatchesCommitted, loop.Stats.RecordsCommitted, source.Pending));
    }

    [Fact]
    public async Task ShouldWriteWaitingBatchesTogetherAndCommitEachInOrder()
    {
        var source = new TsdbQueueSource(maxBatchSize: 10);
        for (var i = 0; i < 50; i++)
        {
            source.Write(Number("A", "P", i, i));
        }

        source.Complete();
        var writer = new FlakyWriter();
        var loop = new TsdbWriterLoop(source, writer, new TsdbWriterLoopOptions { MaxRecordsPerWrite = 25 });

        await loop.RunAsync(default);

        Assert.Equal([30, 20], writer.WriteSizes);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), writer.Acknowledged.Select(r => r.Value.Number));
        Assert.Equal((5L, 0L), (loop.Stats.BatchesCommitted, source.Pending));
    }

    [Fact]
    public async Task ShouldStopOnCancellationWithoutCommittingTheUnacknowledgedBatch()
    {
        var source = new TsdbQueueSource();
        var writer = new FlakyWriter { Down = true };
        var loop = new TsdbWriterLoop(source, writer, Fast);
        source.Write(Number("A", "P", 1, 1));
        source.Flush();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await loop.RunAsync(stop.Token);

        Assert.Equal((0L, 1L), (loop.Stats.BatchesCommitted, source.Pending));
        Assert.True(loop.Stats.DatabaseDown);
    }

    [Fact]
    public void ShouldNeverMakeTheEngineWaitForTheDatabase()
    {
        var source = new TsdbQueueSource(maxBatchSize: 1000);
        for (var i = 0; i < 50_000; i++)
        {
            source.Write(Number("A", "P", i, i));
        }

        source.Flush();

        Assert.Equal(50_000, source.Pending);
    }
}
