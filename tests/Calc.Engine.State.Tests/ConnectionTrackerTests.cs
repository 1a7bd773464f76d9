using System.Collections.Concurrent;
using Calc.Sdk;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using static Calc.Engine.State.Tests.Records;

namespace Calc.Engine.State.Tests;

public sealed class ConnectionTrackerTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private const long Start = 1_700_000_000_000;

    private static readonly ConnectionTrackerOptions Options = new()
    {
        InactivityTimeouts = new Dictionary<string, TimeSpan> { ["inverter"] = TimeSpan.FromSeconds(60) },
        IdleExpiry = TimeSpan.FromHours(1),
    };

    private readonly FakeClock _clock = new(Start);
    private readonly ConcurrentQueue<PointRecord> _events = new();

    private ConnectionTracker NewTracker(ConnectionTrackerOptions? options = null) =>
        new(garnet.Database, options ?? Options, e => _events.Enqueue(e), _clock);

    private async Task<Dictionary<string, string>> HashAsync(string key) =>
        (await garnet.Database.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    private List<(string Asset, string Status, long Time, string? Site)> Events()
    {
        var list = new List<(string, string, long, string?)>();
        while (_events.TryDequeue(out var e))
        {
            Assert.Equal(ConnectionTracker.ConnectionPointId, e.PointId);
            string? site = null;
            e.Attr?.TryGetString("siteId", out site);
            list.Add((e.AssetId, e.Value.Text!, e.Time, site));
        }

        return list;
    }

    [Fact]
    public async Task Should_GoOnline_OnTheFirstRecord_AndEmitAnEventWithTheSite()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start - 500, 1, site: "plant1"));
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start - 400, 1, site: "plant1"));
        await tracker.FlushAsync();

        Assert.Equal([("INV01", "online", Start - 500, "plant1")], Events());
        var conn = await HashAsync(StateKeys.Connection(org, "INV01"));
        Assert.Equal("online", conn["status"]);
        Assert.Equal((Start - 500).ToString(), conn["since"]);
        Assert.Equal((Start - 400).ToString(), conn["time"]);
        Assert.Equal(("inverter", "plant1", org, "INV01"), (conn["modelId"], conn["siteId"], conn["orgId"], conn["assetId"]));
    }

    [Fact]
    public async Task Should_GoOffline_ExactlyWhenTheModelsInactivityTimeoutPasses()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start, 1));
        tracker.Observe(Point(org, "MET01", "TEMP", Start, 1, model: "weather"));
        Events();

        _clock.Advance(59_999);
        tracker.Tick();
        Assert.Empty(Events());

        _clock.Advance(1);
        tracker.Tick();
        await tracker.FlushAsync();
        Assert.Equal([("INV01", "offline", Start + 60_000, null)], Events());
        Assert.Equal("offline", (await HashAsync(StateKeys.Connection(org, "INV01")))["status"]);
        Assert.Equal((Start + 60_000).ToString(), (await HashAsync(StateKeys.Connection(org, "INV01")))["since"]);

        // A model without a timeout stays online however long it is silent (until idle expiry).
        Assert.True(tracker.TryGetAsset(org, "MET01", out var met));
        Assert.Equal(ConnectionStatus.Online, met.Status);
    }

    [Fact]
    public async Task Should_ComeBackOnline_WhenAnOfflineAssetSendsData()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start, 1));
        _clock.Advance(61_000);
        tracker.Tick();
        _clock.Advance(30_000);
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start + 91_000, 2));
        _clock.Advance(59_000);
        tracker.Tick();

        Assert.Equal([("INV01", "online", Start, null), ("INV01", "offline", Start + 60_000, null), ("INV01", "online", Start + 91_000, null)], Events());
        _clock.Advance(1_000);
        tracker.Tick();
        Assert.Equal([("INV01", "offline", Start + 151_000, null)], Events());
    }

    [Fact]
    public async Task Should_FollowConnectionEvents_AndIgnoreDataFromBeforeADisconnect()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Connection(org, "INV01", "online", Start, site: "plant1"));
        tracker.Observe(Connection(org, "INV01", "offline", Start + 10_000, site: "plant1"));
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start + 9_000, 1, site: "plant1"));
        tracker.Observe(Connection(org, "INV01", "online", Start + 5_000, site: "plant1"));
        tracker.Observe(Connection(org, "INV01", "rebooting", Start + 11_000, site: "plant1"));
        Assert.Equal([("INV01", "online", Start, "plant1"), ("INV01", "offline", Start + 10_000, "plant1")], Events());
        Assert.Equal(2, tracker.IgnoredEvents);

        tracker.Observe(Point(org, "INV01", "AC_POWER", Start + 12_000, 1, site: "plant1"));
        Assert.Equal([("INV01", "online", Start + 12_000, "plant1")], Events());
        await tracker.FlushAsync();
        var conn = await HashAsync(StateKeys.Connection(org, "INV01"));
        Assert.Equal(("online", (Start + 12_000).ToString()), (conn["status"], conn["since"]));
    }

    [Fact]
    public async Task Should_CountOnlineAndOfflineAssetsPerSite()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start, 1, site: "plantA"));
        tracker.Observe(Point(org, "INV02", "AC_POWER", Start, 1, site: "plantA"));
        tracker.Observe(Point(org, "INV03", "AC_POWER", Start, 1, site: "plantA"));
        tracker.Observe(Point(org, "INV04", "AC_POWER", Start, 1, site: "plantB"));
        tracker.Observe(Connection(org, "INV02", "offline", Start + 2_000, site: "plantA"));
        await tracker.FlushAsync();

        var siteA = await HashAsync(StateKeys.Site(org, "plantA"));
        Assert.Equal(("2", "1", (Start + 2_000).ToString()), (siteA["online"], siteA["offline"], siteA["time"]));
        Assert.True(tracker.TryGetSite(org, "plantB", out var b));
        Assert.Equal((1, 0, Start), (b.Online, b.Offline, b.TimeMs));

        // INV03 moves to plant B; everything on plant A goes silent and times out.
        tracker.Observe(Point(org, "INV03", "AC_POWER", Start + 3_000, 1, site: "plantB"));
        _clock.Advance(61_000);
        tracker.Tick();
        await tracker.FlushAsync();
        siteA = await HashAsync(StateKeys.Site(org, "plantA"));
        Assert.Equal(("0", "2", (Start + 60_000).ToString()), (siteA["online"], siteA["offline"], siteA["time"]));
        var siteB = await HashAsync(StateKeys.Site(org, "plantB"));
        Assert.Equal(("0", "2"), (siteB["online"], siteB["offline"]));
    }

    [Fact]
    public async Task Should_ForgetIdleAssets_AndLetTheirKeysExpire()
    {
        var org = GarnetFixture.NewOrg();
        await using var tracker = NewTracker();
        tracker.Observe(Point(org, "INV01", "AC_POWER", Start, 1, site: "plantA"));
        tracker.Observe(Point(org, "INV02", "AC_POWER", Start, 1, site: "plantA"));
        await tracker.FlushAsync();
        var ttl = await garnet.Database.KeyTimeToLiveAsync(StateKeys.Connection(org, "INV01"));
        Assert.InRange(ttl!.Value.TotalMinutes, 59, 60);

        _clock.Advance(30 * 60_000);
        tracker.Observe(Point(org, "INV02", "AC_POWER", Start + 1_800_000, 1, site: "plantA"));
        _clock.Advance(30 * 60_000);
        tracker.Tick();
        await tracker.FlushAsync();
        Assert.False(tracker.TryGetAsset(org, "INV01", out _));
        Assert.Equal(1, tracker.TrackedAssets);
        Assert.True(tracker.TryGetSite(org, "plantA", out var site));
        Assert.Equal((0, 1), (site.Online, site.Offline));

        _clock.Advance(30 * 60_000);
        tracker.Tick();
        await tracker.FlushAsync();
        Assert.Equal(0, tracker.TrackedAssets);
        Assert.False(await garnet.Database.KeyExistsAsync(StateKeys.Site(org, "plantA")));
    }

    [Fact]
    public async Task Should_KeepStatusAndSince_AfterARestartThatLoadsTheStoredState()
    {
        var org = GarnetFixture.NewOrg();
        await using (var before = NewTracker())
        {
            before.Observe(Point(org, "INV01", "AC_POWER", Start - 100_000, 1, site: "plantA"));
            before.Observe(Connection(org, "INV02", "offline", Start - 50_000, site: "plantA"));
        }

        Events();
        await using var after = NewTracker();
        Assert.Equal(2, await after.LoadAsync(org));
        Assert.True(after.TryGetSite(org, "plantA", out var site));
        Assert.Equal((1, 1, Start - 50_000), (site.Online, site.Offline, site.TimeMs));
        after.Observe(Point(org, "INV01", "AC_POWER", Start, 2, site: "plantA"));
        Assert.Empty(Events());
        Assert.True(after.TryGetAsset(org, "INV01", out var inv01));
        Assert.Equal((ConnectionStatus.Online, Start - 100_000), (inv01.Status, inv01.SinceMs));
    }

    [Fact]
    public async Task Should_ReportOfflineWithinOneCheckIntervalOfTheTimeout_ForAnAssetFirstSeenAfterStart()
    {
        var org = GarnetFixture.NewOrg();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Start));
        var clock = new TimeProviderClock(time);
        var offline = new TaskCompletionSource<(PointRecord Event, long SeenAt)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = Options with
        {
            InactivityTimeouts = new Dictionary<string, TimeSpan> { ["inverter"] = TimeSpan.FromMilliseconds(600) },
            CheckInterval = TimeSpan.FromMilliseconds(250),
        };
        await using var tracker = new ConnectionTracker(garnet.Database, options, e =>
        {
            if (e.Value.Text == "offline")
            {
                offline.TrySetResult((e, clock.NowMs));
            }
        }, clock, timers: time);
        tracker.Start();
        time.Advance(TimeSpan.FromMilliseconds(300));

        var sentAt = clock.NowMs;
        tracker.Observe(Point(org, "LATE01", "AC_POWER", sentAt, 1));
        time.Advance(TimeSpan.FromMilliseconds(850));

        // The timer ticks once the fake time has passed its period; the wait bounds only a broken timer.
        var (evt, seenAt) = await offline.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(sentAt + 600, evt.Time);
        Assert.Equal(Start + 1150, seenAt);
        await LatestValueTests.WaitUntilAsync(() => garnet.Database.HashGet(StateKeys.Connection(org, "LATE01"), "status") == "offline");
        Assert.Equal("offline", (string?)await garnet.Database.HashGetAsync(StateKeys.Connection(org, "LATE01"), "status"));
    }

    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();
    }
}
