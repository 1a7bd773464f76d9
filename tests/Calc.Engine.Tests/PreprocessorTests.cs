using Calc.Engine.Preprocessing;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Engine.Tests;

public sealed class PreprocessorTests
{
    private readonly JobMetrics _metrics = new();
    private readonly Samples _out = new();

    [Fact]
    public void ShouldReplaceOutOfRangeValueWithLastValid()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.LastValue });

        Feed(pre, (0, 10), (60_000, 500), (120_000, 30));

        Assert.Equal([(0L, 10.0, SampleStatus.Valid), (60_000L, 10.0, SampleStatus.Repaired), (120_000L, 30.0, SampleStatus.Valid)], _out.Items);
        Assert.Equal(1, _metrics.Get("repaired.lastValue"));
    }

    [Fact]
    public void ShouldLeaveInvalidWhenNoValueWasSeenYet()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.LastValue });

        Feed(pre, (0, -5), (60_000, 7));

        Assert.Equal(SampleStatus.Invalid, _out.Items[0].Status);
        Assert.Equal(1, _metrics.Get("filtered.threshold"));
    }

    [Fact]
    public void ShouldInterpolateLinearlyOnceTheNextValidValueArrives()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.Linear });

        Feed(pre, (0, 10), (60_000, 999), (120_000, 999));
        Assert.Single(_out.Items);

        Feed(pre, (180_000, 40));

        // 10 → 40 over 3 minutes: 20 at 1 min, 30 at 2 min.
        Assert.Equal([(0L, 10.0, SampleStatus.Valid), (60_000L, 20.0, SampleStatus.Repaired), (120_000L, 30.0, SampleStatus.Repaired), (180_000L, 40.0, SampleStatus.Valid)], _out.Items);
    }

    [Fact]
    public void ShouldNotBridgeAGapLongerThanMaxGap()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.Linear, MaxGapMs = 120_000 });

        Feed(pre, (0, 10), (60_000, 999), (300_000, 40));

        Assert.Equal(SampleStatus.Invalid, _out.Items[1].Status);
        Assert.Equal(1, _metrics.Get("filtered.maxGap"));
    }

    [Fact]
    public void ShouldNotCarryALastValueAcrossMaxGap()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.LastValue, MaxGapMs = 60_000 });

        Feed(pre, (0, 10), (60_000, 500), (180_000, 500));

        Assert.Equal(SampleStatus.Repaired, _out.Items[1].Status);
        Assert.Equal(SampleStatus.Invalid, _out.Items[2].Status);
    }

    [Fact]
    public void ShouldTreatBadQualityAndTextAsInvalid()
    {
        var pre = Create(new PreprocessOptions());
        var record = Record(0, 5) with { Quality = 3 };
        pre.Process(in record, _out);
        var text = Record(1, 0) with { Value = PointValue.FromString("n/a") };
        pre.Process(in text, _out);

        Assert.All(_out.Items, s => Assert.Equal(SampleStatus.Invalid, s.Status));
        Assert.Equal(1, _metrics.Get("filtered.quality"));
        Assert.Equal(1, _metrics.Get("filtered.nonNumeric"));
    }

    [Fact]
    public void ShouldRejectASlopeSteeperThanMaxRate()
    {
        // 100 units per hour allowed: +10 in 6 min is exactly 100/h (valid), +20 in the next 6 min is 200/h.
        var pre = Create(new PreprocessOptions { MaxRatePerHour = 100 });

        Feed(pre, (0, 0), (360_000, 10), (720_000, 30));

        Assert.Equal(SampleStatus.Valid, _out.Items[1].Status);
        Assert.Equal(SampleStatus.Invalid, _out.Items[2].Status);
        Assert.Equal(1, _metrics.Get("filtered.maxRate"));
    }

    [Fact]
    public void ShouldReleaseWaitingRecordsAsInvalidOnFlush()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.Linear });
        Feed(pre, (0, 10), (60_000, 999));

        pre.FlushAll(_out);

        Assert.Equal(SampleStatus.Invalid, _out.Items[^1].Status);
    }

    [Fact]
    public void ShouldKeepAssetsApart()
    {
        var pre = Create(new PreprocessOptions { Threshold = Parse("[0,100]"), Interpolation = InterpolationMode.LastValue });
        var a = Record(0, 10);
        var b = Record(60_000, 500) with { AssetId = "B" };
        pre.Process(in a, _out);
        pre.Process(in b, _out);

        Assert.Equal(SampleStatus.Invalid, _out.Items[1].Status);
    }

    private static Interval Parse(string text) => Interval.TryParse(text, out _)!.Value;

    private static PointRecord Record(long time, double value) =>
        new() { OrgId = "o", ModelId = "m", AssetId = "A", PointId = "p", Time = time, Value = PointValue.FromNumber(value) };

    private IPreprocessor Create(PreprocessOptions options) => new PreprocessorFactory(new MetricsAdapter(_metrics)).Create(options);

    private void Feed(IPreprocessor pre, params (long Time, double Value)[] samples)
    {
        foreach (var (time, value) in samples)
        {
            var record = Record(time, value);
            pre.Process(in record, _out);
        }
    }

    private sealed class Samples : ISampleSink
    {
        public List<(long Time, double Value, SampleStatus Status)> Items { get; } = [];

        public void OnSample(in PointRecord record, double value, SampleStatus status) => Items.Add((record.Time, value, status));
    }

    private sealed class MetricsAdapter(JobMetrics metrics) : IOperatorMetrics
    {
        public void Count(string name, long amount = 1) => metrics.Count(name, amount);
    }
}
