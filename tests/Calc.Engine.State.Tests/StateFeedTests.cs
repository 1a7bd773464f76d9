using System.Collections.Concurrent;
using System.Globalization;
using Calc.Engine.State.Internal;
using Calc.Sdk;
using static Calc.Engine.State.Tests.Records;

namespace Calc.Engine.State.Tests;

public sealed class StateFeedTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly DeviceStateWriterOptions Manual = new() { FlushInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Should_ApplyEveryRecordOfSeveralThreads_BeforeDrainReturns()
    {
        var org = GarnetFixture.NewOrg();
        var events = new ConcurrentQueue<PointRecord>();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        await using var tracker = new ConnectionTracker(garnet.Database, new ConnectionTrackerOptions(), events.Enqueue);
        // A ring of 8: the three producers wrap it many times and wait on it when it is full.
        using var feed = new StateFeed(writer, tracker, capacity: 8);

        var producers = Enumerable.Range(0, 3).Select(t => new Thread(() =>
        {
            for (var i = 1; i <= 1_000; i++)
            {
                var asset = "A" + t.ToString(CultureInfo.InvariantCulture);
                feed.Add(Point(org, asset, "P", i * 1_000L, (t * 10_000) + i, site: "S1"));
                feed.AddOutput(Point(org, asset, "P_SUM", i * 1_000L, i * 2.0));
            }
        })).ToList();
        producers.ForEach(p => p.Start());
        producers.ForEach(p => p.Join());
        feed.Drain();

        Assert.Equal(6_000, feed.Applied);
        Assert.True(feed.FullWaits > 0, "a ring of 8 must have been full at least once");
        Assert.Equal(new DeviceStateWriterStats(6_000, 0, 0, 0, 0, 0, 6, 3), writer.Stats);
        for (var t = 0; t < 3; t++)
        {
            Assert.True(tracker.TryGetAsset(org, "A" + t.ToString(CultureInfo.InvariantCulture), out var state));
            Assert.Equal((ConnectionStatus.Online, 1_000L, 1_000_000L), (state.Status, state.SinceMs, state.LastRecordTimeMs));
        }

        Assert.True(tracker.TryGetSite(org, "S1", out var site));
        Assert.Equal(3, site.Online);
        Assert.Equal(3, events.Count(e => e.OrgId == org && e.Value.Text == ConnectionTracker.OnlineValue));

        await writer.FlushAsync();
        Assert.Equal("""{"time":1000000,"value":21000,"quality":0}""", (string?)await garnet.Database.HashGetAsync(StateKeys.Latest(org, "A2"), "P"));
        Assert.Equal("""{"time":1000000,"value":2000,"quality":0}""", (string?)await garnet.Database.HashGetAsync(StateKeys.Latest(org, "A0"), "P_SUM"));
    }

    [Fact]
    public async Task Should_ForgetTheRingsOfAThreadThatEnded_OnceTheyAreEmpty()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        using var feed = new StateFeed(writer, null);
        using var release = new ManualResetEventSlim();
        using var added = new ManualResetEventSlim();
        var running = new Thread(() =>
        {
            feed.Add(Point(org, "RUNNING", "P", 1_000, 1));
            added.Set();
            release.Wait();
            feed.Add(Point(org, "RUNNING", "P", 2_000, 3));
        });
        var ended = new Thread(() => feed.Add(Point(org, "ENDED", "P", 1_000, 2)));
        running.Start();
        ended.Start();
        ended.Join();
        added.Wait();
        feed.Drain();
        Assert.Equal(2, feed.RingCount);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (feed.RingCount > 1 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, feed.RingCount);
        release.Set();
        running.Join();
        feed.Drain();
        Assert.Equal(3, feed.Applied);
        Assert.Equal(2, writer.Stats.TrackedAssets);
    }

    [Fact]
    public async Task Should_NotTrackConnections_ForOutputs()
    {
        var org = GarnetFixture.NewOrg();
        await using var writer = new DeviceStateWriter(garnet.Database, Manual);
        await using var tracker = new ConnectionTracker(garnet.Database, new ConnectionTrackerOptions(), _ => { });
        using var feed = new StateFeed(writer, tracker);
        feed.AddOutput(Point(org, "OUT01", "P_1H", 3_600_000, 7));
        feed.Drain();

        Assert.False(tracker.TryGetAsset(org, "OUT01", out _));
        Assert.Equal(1, writer.Stats.Observed);
    }

    [Fact]
    public async Task Should_Throw_WhenTheWriterCanNoLongerTakeRecords()
    {
        var org = GarnetFixture.NewOrg();
        var writer = new DeviceStateWriter(garnet.Database, Manual);
        await writer.DisposeAsync();
        using var feed = new StateFeed(writer, null);
        feed.Add(Point(org, "INV01", "AC_POWER", 1_000, 1));

        var error = Assert.Throws<InvalidOperationException>(feed.Drain);
        Assert.Contains("Device state could not take records", error.Message, StringComparison.Ordinal);
        Assert.IsType<ObjectDisposedException>(error.InnerException);
    }

    [Fact]
    public void Should_WrapTheRing_AndHandOutWhatWasPublishedInTwoSpans()
    {
        var ring = new ObservationRing(4);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(ring.TryAdd(Point("o", "A", "P", i, i)));
        }

        ring.Release(ring.Peek(out _, out _));
        for (var i = 3; i < 7; i++)
        {
            Assert.True(ring.TryAdd(Point("o", "A", "P", i, i)));
        }

        Assert.False(ring.TryAdd(Point("o", "A", "P", 7, 7)));
        var end = ring.Peek(out var first, out var second);
        Assert.Equal(7, end);
        Assert.Equal([3L], first.ToArray().Select(r => r.Time));
        Assert.Equal([4L, 5L, 6L], second.ToArray().Select(r => r.Time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationRing(6));
    }
}
