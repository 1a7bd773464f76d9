using Calc.Engine.Simulation.Internal;
using Calc.Sdk;

namespace Calc.Engine.Simulation;

/// <summary>
/// A simulated fleet of PV inverters and wind turbines, calibrated on the real data sets (docs/demo-data.md).
/// Immutable and thread-safe: every enumeration of <see cref="Generate(long, long)"/> simulates afresh from
/// <see cref="FleetOptions.StartTime"/> with its own state, so the same options always give the same records.
/// </summary>
public sealed class FleetSimulator
{
    private readonly FleetOptions _options;
    private readonly long _startMs;

    /// <summary>Creates a simulator.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid fleet options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _startMs = options.StartTime.ToUnixTimeMilliseconds();
    }

    /// <summary>The options of this fleet.</summary>
    public FleetOptions Options => _options;

    /// <summary>Epoch milliseconds of the first sample.</summary>
    public long StartMs => _startMs;

    /// <summary>
    /// The records with event time in [<paramref name="fromMs"/>, <paramref name="toMs"/>), in event-time order across
    /// the fleet (at one time: inverters before turbines, assets in id order, points in <see cref="FleetPoints"/> order).
    /// Streams with memory bounded by the fleet size; <c>toMs = long.MaxValue</c> never ends. Samples before
    /// <see cref="FleetOptions.StartTime"/> do not exist; samples between it and <paramref name="fromMs"/> are simulated
    /// without being returned, so a range holds the same records whatever range it is cut from.
    /// </summary>
    public IEnumerable<PointRecord> Generate(long fromMs, long toMs) => Generate(fromMs, toMs, null);

    /// <summary>As <see cref="Generate(long, long)"/>, counting the faults injected in the range into <paramref name="counters"/>.</summary>
    public IEnumerable<PointRecord> Generate(long fromMs, long toMs, FaultCounters? counters)
    {
        if (toMs < fromMs)
        {
            throw new ArgumentOutOfRangeException(nameof(toMs), "toMs must not be before fromMs");
        }

        return Run(fromMs, toMs, counters);
    }

    /// <summary>Records per simulated day of the whole fleet before faults remove any (for sizing runs).</summary>
    public double RecordsPerDay =>
        (4.0 * _options.InverterCount * 86_400_000 / _options.PvSampleInterval.TotalMilliseconds)
        + (4.0 * _options.TurbineCount * 86_400_000 / _options.WindSampleInterval.TotalMilliseconds);

    private IEnumerable<PointRecord> Run(long fromMs, long toMs, FaultCounters? counters)
    {
        var pv = new PvFleet(_options);
        var wind = new WindFleet(_options);
        var writer = new TickWriter(_options.OrgId, _options.Faults, pv.RecordsPerTick + wind.RecordsPerTick, counters);
        var nextPv = pv.IsEmpty ? long.MaxValue : _startMs;
        var nextWind = wind.IsEmpty ? long.MaxValue : _startMs;
        while (true)
        {
            var t = Math.Min(nextPv, nextWind);
            if (t >= toMs || t == long.MaxValue)
            {
                yield break;
            }

            writer.Begin(t, active: t >= fromMs);
            if (nextPv == t)
            {
                pv.Tick(t, writer);
                nextPv += pv.IntervalMs;
            }

            if (nextWind == t)
            {
                wind.Tick(t, writer);
                nextWind += wind.IntervalMs;
            }

            var buffer = writer.Buffer;
            for (var i = 0; i < writer.Count; i++)
            {
                yield return buffer[i];
            }
        }
    }
}
