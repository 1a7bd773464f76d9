using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>
/// <c>energy-by-instant-power</c> (trapezoid, needs both samples) and <c>energy-by-average-power</c>
/// (P2 × Δh, needs the closing sample), SPEC §5.4–5.5. Samples go through the policy's threshold and
/// interpolation first; an invalid sample still ends its span and starts the next one.
/// </summary>
internal sealed partial class PowerOperator(EnergySettings settings, IReadOnlyList<EnergyPolicy> policies, bool trapezoid)
    : EnergyOperator(settings, policies), ISampleSink
{
    private IPreprocessor[] _preprocessors = [];
    private int _policy;
    private AssetEnergy? _asset;

    public override void Open(IOperatorContext context)
    {
        base.Open(context);
        _preprocessors = [.. Policies.Select(p => context.Preprocessing.Create(p.Preprocess))];
    }

    public override void FlushAsset(string assetId)
    {
        for (var p = 0; p < Policies.Count; p++)
        {
            _policy = p;
            _asset = null;
            _preprocessors[p].Flush(assetId, this);
        }

        base.FlushAsset(assetId);
    }

    public override void FlushAll()
    {
        for (var p = 0; p < Policies.Count; p++)
        {
            _policy = p;
            _asset = null;
            _preprocessors[p].FlushAll(this);
        }

        base.FlushAll();
    }

    public void OnSample(in PointRecord record, double value, SampleStatus status)
    {
        var asset = _asset ?? State(_policy, in record);
        var valid = status != SampleStatus.Invalid;
        if (valid)
        {
            Context.Metrics.Used();
        }

        var t2 = record.Time;
        if (!asset.HasPrevious)
        {
            Context.Trace?.Write(Sdk.TraceKind.State, valid ? Text($"first sample, {value}: the next one closes its span") : "first sample, invalid: the next one closes its span");
            Remember(asset, t2, value, valid);
            return;
        }

        if (t2 <= asset.PreviousTime)
        {
            return;
        }

        var t1 = asset.PreviousTime;
        var p1 = asset.Value;
        var p1Valid = asset.ValueValid;
        Remember(asset, t2, value, valid);
        if (Settings.MaxGapMs is { } maxGap && t2 - t1 > maxGap)
        {
            Context.Trace?.Write(Sdk.TraceKind.Excluded, $"excluded.maxGap: the span ({Iso(t1)}, {Iso(t2)}] is longer than maxGap {Duration.Format(maxGap)}");
            Context.Metrics.Count("excluded.maxGap");
            Advance(_policy, asset, t2);
        }
        else if (!valid || (trapezoid && !p1Valid))
        {
            Context.Trace?.Write(Sdk.TraceKind.Excluded, $"excluded.invalidSample: the span ({Iso(t1)}, {Iso(t2)}] {(valid ? "starts" : "ends")} with an invalid sample");
            Context.Metrics.Count("excluded.invalidSample");
            Advance(_policy, asset, t2);
        }
        else
        {
            var scale = Policies[_policy].Scale.Resolve(Context.Assets, asset.AssetId);
            var span = trapezoid
                ? EnergySpan.Linear(t1, t2, p1 * scale, value * scale)
                : EnergySpan.Linear(t1, t2, value * scale, value * scale);
            if (Context.Trace is { } trace)
            {
                var hours = (t2 - t1) / 3_600_000.0;
                trace.Write(Sdk.TraceKind.State, trapezoid
                    ? Text($"included {span.Energy} for ({Iso(t1)}, {Iso(t2)}]: ({p1} + {value}) / 2 × {hours} h{(scale == 1 ? "" : Text($" × {scale}"))}")
                    : Text($"included {span.Energy} for ({Iso(t1)}, {Iso(t2)}]: {value} × {hours} h{(scale == 1 ? "" : Text($" × {scale}"))}"));
            }

            Contribute(_policy, asset, in span);
        }
    }

    protected override void OnRecord(int policy, in PointRecord record)
    {
        var asset = State(policy, in record);
        if (IsNotAfterPrevious(asset, record.Time))
        {
            return;
        }

        _policy = policy;
        _asset = asset;
        _preprocessors[policy].Process(in record, this);
        _asset = null;
    }

    private static void Remember(AssetEnergy asset, long time, double value, bool valid)
    {
        asset.HasPrevious = true;
        asset.PreviousTime = time;
        asset.Value = valid ? value : 0;
        asset.ValueValid = valid;
    }
}
