using Calc.Sdk;

namespace Acme.PowerCurve;

/// <summary>
/// Keeps the latest wind speed and power of each asset and, on each trigger record, emits the curve's
/// expected power for the latest wind speed, the deviation of the latest actual power from it, and
/// the under-performance flag, stamped with the trigger record's time. One instance per lane: the
/// engine never calls it concurrently, so it takes no locks.
/// </summary>
internal sealed partial class PowerCurveOperator(PowerCurveDefinition definition) : IOperator, ICheckpointable
{
    private readonly Dictionary<string, AssetState> _assets = new(StringComparer.Ordinal);
    private IOperatorContext _context = null!;

    public void Open(IOperatorContext context) => _context = context;

    public void Process(in PointRecord record)
    {
        var isWind = definition.WindSpeed.Matches(in record);
        if (!isWind && !definition.Power.Matches(in record))
        {
            return;
        }

        if (record.Quality != 0 || !record.Value.IsNumber)
        {
            _context.Metrics.Count("skipped.invalid");
            return;
        }

        var state = State(record.AssetId);
        if (!Remember(state, isWind, record.Time, record.Value.Number))
        {
            _context.Metrics.Count("skipped.late");
            return;
        }

        if ((definition.Trigger & (isWind ? Trigger.WindSpeed : Trigger.Power)) != 0)
        {
            Evaluate(state, in record);
        }
    }

    public void Close() => _assets.Clear();

    private static bool Remember(AssetState state, bool isWind, long time, double value)
    {
        if (isWind)
        {
            if (state.HasWind && time < state.WindTime)
            {
                return false;
            }

            (state.HasWind, state.WindTime, state.WindSpeed) = (true, time, value);
        }
        else
        {
            if (state.HasPower && time < state.PowerTime)
            {
                return false;
            }

            (state.HasPower, state.PowerTime, state.Power) = (true, time, value);
        }

        return true;
    }

    private void Evaluate(AssetState state, in PointRecord trigger)
    {
        if (!state.HasWind)
        {
            _context.Metrics.Count("skipped.missingWindSpeed");
            return;
        }

        var expected = definition.Curve.Evaluate(state.WindSpeed);
        Emit(in trigger, definition.ExpectedOutput, PointValue.FromNumber(expected));
        if (definition.DeviationOutput is null && definition.FlagOutput is null)
        {
            return;
        }

        if (!state.HasPower)
        {
            _context.Metrics.Count("skipped.missingPower");
            return;
        }

        if (definition.DeviationOutput is { } deviation)
        {
            Emit(in trigger, deviation, PointValue.FromNumber(state.Power - expected));
        }

        if (definition.FlagOutput is { } flag)
        {
            var under = expected > 0 && state.Power < (1 - definition.Tolerance) * expected;
            Emit(in trigger, flag, PointValue.FromBool(under));
        }
    }

    private void Emit(in PointRecord trigger, PointRef output, PointValue value) =>
        _context.Emit(PointRecord.Derive(in trigger, output.PointId, trigger.Time, value) with { Attr = trigger.Attr });

    private AssetState State(string assetId)
    {
        if (!_assets.TryGetValue(assetId, out var state))
        {
            state = new AssetState();
            _assets[assetId] = state;
        }

        return state;
    }
}
