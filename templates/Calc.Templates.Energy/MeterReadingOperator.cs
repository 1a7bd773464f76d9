using Calc.Sdk;

namespace Calc.Templates.Energy;

/// <summary>
/// <c>energy-by-meter-reading</c> (SPEC §5.3). Keeps an anchor (value and time of the last change) and
/// the previous reading's time per (asset, input point). A change whose rate from the anchor lies inside
/// <c>slope</c> is included for (previous reading, t]: the meter was seen unchanged until the previous
/// reading, so the energy came after it. A change outside is excluded (reset, rollover, replacement,
/// spike). Either way the anchor moves to the new reading.
/// </summary>
internal sealed class MeterReadingOperator(EnergySettings settings, IReadOnlyList<EnergyPolicy> policies)
    : EnergyOperator(settings, policies)
{
    private const double MsPerHour = 3_600_000;

    protected override void OnRecord(int policy, in PointRecord record)
    {
        if (record.Quality != 0)
        {
            Context.Metrics.Count("filtered.quality");
            return;
        }

        if (!record.Value.TryGetNumber(out var value))
        {
            Context.Metrics.Count("filtered.nonNumeric");
            return;
        }

        var asset = State(policy, in record);
        var time = record.Time;
        if (!asset.HasPrevious)
        {
            asset.HasPrevious = true;
            asset.PreviousTime = time;
            asset.Value = value;
            asset.AnchorTime = time;
            Context.Trace?.Write(TraceKind.State, $"anchor: the first reading, {record.Value}");
            Context.Metrics.Used();
            return;
        }

        if (IsNotAfterPrevious(asset, time))
        {
            return;
        }

        Context.Metrics.Used();

        var previous = asset.PreviousTime;
        asset.PreviousTime = time;
        if (value == asset.Value)
        {
            Context.Trace?.Write(TraceKind.State, $"unchanged since {Iso(asset.AnchorTime)}: no energy");
            Advance(policy, asset, time);
            return;
        }

        var before = asset.Value;
        var anchorTime = asset.AnchorTime;
        var delta = value - asset.Value;
        var slope = delta / ((time - asset.AnchorTime) / MsPerHour);
        asset.Value = value;
        asset.AnchorTime = time;
        var p = Policies[policy];
        if (p.Slope.Allows(Context.Assets, asset.AssetId, slope))
        {
            var energy = delta * p.Scale.Resolve(Context.Assets, asset.AssetId);
            Context.Trace?.Write(TraceKind.State, Text(
                $"included {energy} for ({Iso(previous)}, {Iso(time)}]: {before} → {value} since {Iso(anchorTime)} is {slope}/h, inside slope {p.Slope.Describe()}"));
            Contribute(policy, asset, EnergySpan.Uniform(previous, time, energy));
        }
        else
        {
            Context.Trace?.Write(TraceKind.Excluded, Text(
                $"excluded.slope: {before} → {value} since {Iso(anchorTime)} is {slope}/h, outside slope {p.Slope.Describe()}; the anchor moves to {value}"));
            Context.Metrics.Count("excluded.slope");
            Advance(policy, asset, time);
        }
    }
}
