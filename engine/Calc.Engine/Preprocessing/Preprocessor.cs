using Calc.Sdk;

namespace Calc.Engine.Preprocessing;

/// <summary>
/// Threshold + interpolation (SPEC §3) for one point, per asset. A record is invalid when its quality
/// is non-zero, its value is not numeric, it lies outside the threshold, or its slope from the last
/// valid value exceeds <c>maxRate</c>. Invalid records are repaired (last value, linear) within
/// <c>maxGap</c> or released as invalid; every outcome is counted.
/// </summary>
internal sealed partial class Preprocessor(PreprocessOptions options, IOperatorMetrics metrics) : IPreprocessor
{
    /// <summary>Records held per asset while waiting for a next valid value (linear); older ones are released as invalid.</summary>
    internal const int MaxWaiting = 10_000;

    private readonly Runtime.AssetMap<AssetSeries> _assets = new();

    /// <summary>The lane's record accounting (null in unit tests): a held input record is counted when released.</summary>
    private readonly Runtime.IHoldLedger? _ledger = metrics as Runtime.IHoldLedger;

    public void Process(in PointRecord record, ISampleSink sink)
    {
        var series = _assets.Get(record.AssetId);
        var reason = Check(in record, series, out var value);
        if (reason is null)
        {
            ReleaseWaiting(series, record.Time, value, sink);
            series.HasLast = true;
            series.LastValue = value;
            series.LastTime = record.Time;
            sink.OnSample(in record, value, SampleStatus.Valid);
            return;
        }

        switch (options.Interpolation)
        {
            case InterpolationMode.LastValue when series.HasLast && WithinGap(record.Time - series.LastTime):
                Trace?.Write(TraceKind.Repaired, $"repaired.lastValue: {Why(in record, reason, series)}; replaced by {Number(series.LastValue)} of {Runtime.StepRunner.Iso(series.LastTime)}");
                metrics.Count("repaired.lastValue");
                sink.OnSample(in record, series.LastValue, SampleStatus.Repaired);
                return;
            case InterpolationMode.Linear when series.HasLast && WithinGap(record.Time - series.LastTime):
                Trace?.Write(TraceKind.Held, $"held: {Why(in record, reason, series)}; waiting for the next valid value to interpolate from {Number(series.LastValue)} of {Runtime.StepRunner.Iso(series.LastTime)}");
                Hold(series, in record, reason, sink);
                return;
            case InterpolationMode.LastValue or InterpolationMode.Linear when series.HasLast:
                Trace?.Write(TraceKind.Filtered, $"filtered.maxGap: {Why(in record, reason, series)}, and the last valid value at {Runtime.StepRunner.Iso(series.LastTime)} is further back than maxGap {Duration.Format(options.MaxGapMs ?? 0)}");
                Invalid(in record, "maxGap", sink);
                return;
            default:
                Trace?.Write(TraceKind.Filtered, $"{FilteredCounter(reason)}: {Why(in record, reason, series)}");
                Invalid(in record, reason, sink);
                return;
        }
    }

    public void Flush(string assetId, ISampleSink sink)
    {
        if (_assets.TryGetValue(assetId, out var series))
        {
            ReleaseAsInvalid(series, sink);
        }
    }

    public void FlushAll(ISampleSink sink)
    {
        foreach (var series in _assets.Values)
        {
            ReleaseAsInvalid(series, sink);
        }
    }

    private string? Check(in PointRecord record, AssetSeries series, out double value)
    {
        value = double.NaN;
        if (record.Quality != 0)
        {
            return "quality";
        }

        if (!record.Value.TryGetNumber(out value))
        {
            return "nonNumeric";
        }

        if (!options.Threshold.Contains(value))
        {
            return "threshold";
        }

        if (options.MaxRatePerHour is { } maxRate && series.HasLast && record.Time > series.LastTime)
        {
            var hours = (record.Time - series.LastTime) / 3_600_000.0;
            if (Math.Abs(value - series.LastValue) / hours > maxRate)
            {
                return "maxRate";
            }
        }

        return null;
    }

    private bool WithinGap(long gapMs) => options.MaxGapMs is not { } maxGap || gapMs <= maxGap;

    private void Hold(AssetSeries series, in PointRecord record, string reason, ISampleSink sink)
    {
        series.Waiting ??= new Queue<AssetSeries.Pending>();
        if (series.Waiting.Count >= MaxWaiting)
        {
            var oldest = series.Waiting.Dequeue();
            var saved = BeginRelease(oldest.Ticket);
            Invalid(oldest.Record, "maxGap", sink);
            EndRelease(oldest.Ticket, saved);
        }

        series.Waiting.Enqueue(new AssetSeries.Pending(record, reason, _ledger?.Hold() ?? 0));
    }

    private void ReleaseWaiting(AssetSeries series, long nextTime, double nextValue, ISampleSink sink)
    {
        if (series.Waiting is not { Count: > 0 } waiting)
        {
            return;
        }

        var prevTime = series.LastTime;
        var prevValue = series.LastValue;
        var bridgeable = WithinGap(nextTime - prevTime) && nextTime > prevTime;
        while (waiting.TryDequeue(out var pending))
        {
            var saved = BeginRelease(pending.Ticket);
            if (bridgeable && pending.Record.Time >= prevTime && pending.Record.Time <= nextTime)
            {
                var fraction = (double)(pending.Record.Time - prevTime) / (nextTime - prevTime);
                var repaired = prevValue + ((nextValue - prevValue) * fraction);
                Trace?.Write(TraceKind.State, $"repaired.linear: the held value {pending.Record.Value} of {Runtime.StepRunner.Iso(pending.Record.Time)} became {Number(repaired)}, between {Number(prevValue)} of {Runtime.StepRunner.Iso(prevTime)} and {Number(nextValue)} of {Runtime.StepRunner.Iso(nextTime)}");
                metrics.Count("repaired.linear");
                sink.OnSample(pending.Record, repaired, SampleStatus.Repaired);
            }
            else
            {
                Invalid(pending.Record, bridgeable ? pending.Reason : "maxGap", sink);
            }

            EndRelease(pending.Ticket, saved);
        }
    }

    private void ReleaseAsInvalid(AssetSeries series, ISampleSink sink)
    {
        if (series.Waiting is null)
        {
            return;
        }

        while (series.Waiting.TryDequeue(out var pending))
        {
            var saved = BeginRelease(pending.Ticket);
            Invalid(pending.Record, pending.Reason, sink);
            EndRelease(pending.Ticket, saved);
        }
    }

    private long BeginRelease(long ticket) => _ledger?.BeginRelease(ticket) ?? 0;

    private void EndRelease(long ticket, long saved) => _ledger?.EndRelease(ticket, saved);

    private void Invalid(in PointRecord record, string reason, ISampleSink sink)
    {
        metrics.Count(FilteredCounter(reason));
        sink.OnSample(in record, double.NaN, SampleStatus.Invalid);
    }

    private static string FilteredCounter(string reason) => reason switch
    {
        "quality" => "filtered.quality",
        "nonNumeric" => "filtered.nonNumeric",
        "threshold" => "filtered.threshold",
        "maxRate" => "filtered.maxRate",
        "maxGap" => "filtered.maxGap",
        _ => "filtered." + reason,
    };
}
