using Calc.Sdk;

namespace Calc.Engine.Simulation.Internal;

/// <summary>
/// Collects the records of one tick (one sample time of one or two models) and applies the per-record faults:
/// drops, bad quality, spikes and frozen values. While fast-forwarding to the start of the requested range it
/// draws the same random numbers but keeps nothing, so a range's records do not depend on where it starts.
/// </summary>
internal sealed class TickWriter
{
    private readonly string _orgId;
    private readonly double _drop;
    private readonly double _badQuality;
    private readonly double _spike;
    private readonly int _badQualityCode;
    private readonly bool _anyRecordFault;
    private readonly FaultCounters? _counters;
    private PointRecord[] _buffer;
    private bool _active;

    public TickWriter(string orgId, FaultRates rates, int capacity, FaultCounters? counters)
    {
        _orgId = orgId;
        _drop = rates.DropProbability;
        _badQuality = _drop + rates.BadQualityProbability;
        _spike = _badQuality + rates.SpikeProbability;
        _badQualityCode = rates.BadQualityCode;
        _anyRecordFault = _spike > 0;
        _counters = counters;
        _buffer = new PointRecord[Math.Max(capacity, 16)];
    }

    public long Time { get; private set; }

    public int Count { get; private set; }

    public PointRecord[] Buffer => _buffer;

    public void Begin(long time, bool active)
    {
        Time = time;
        _active = active;
        Count = 0;
    }

    /// <summary>Emits one point of an asset. Instant points (powers, speeds) can freeze and spike; meters cannot.</summary>
    public void Emit(SimAsset asset, string modelId, int pointIndex, string pointId, double value, bool instant)
    {
        var quality = 0;
        if (instant && pointIndex == asset.StuckPoint && Time < asset.StuckUntil)
        {
            value = asset.StuckValue;
        }

        // A frozen sensor repeats the true last value, not a spike.
        asset.LastReported[pointIndex] = value;
        if (_anyRecordFault)
        {
            var u = asset.Rng.NextDouble();
            if (u < _spike)
            {
                if (u < _drop)
                {
                    CountDropped();
                    return;
                }

                if (u < _badQuality)
                {
                    quality = _badQualityCode;
                    CountBadQuality();
                }
                else if (instant && value != 0)
                {
                    value *= 5 + (10 * asset.Rng.NextDouble());
                    CountSpike();
                }
            }
        }

        value = Math.Round(value * 1000) / 1000;
        if (!_active)
        {
            return;
        }

        if (Count == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _buffer[Count++] = new PointRecord
        {
            OrgId = _orgId,
            ModelId = modelId,
            AssetId = asset.AssetId,
            PointId = pointId,
            Time = Time,
            Value = PointValue.FromNumber(value),
            Quality = quality,
            Attr = asset.Attr,
        };
        if (_counters is not null)
        {
            _counters.Records++;
        }
    }

    public void CountMissingSample()
    {
        if (_active && _counters is not null)
        {
            _counters.MissingSamples++;
        }
    }

    public void CountAssetGap()
    {
        if (_active && _counters is not null)
        {
            _counters.AssetGaps++;
        }
    }

    public void CountSiteGap()
    {
        if (_active && _counters is not null)
        {
            _counters.SiteGaps++;
        }
    }

    public void CountStuck()
    {
        if (_active && _counters is not null)
        {
            _counters.StuckPeriods++;
        }
    }

    public void CountMeterReplacement()
    {
        if (_active && _counters is not null)
        {
            _counters.MeterReplacements++;
        }
    }

    public void CountMidnightGlitch()
    {
        if (_active && _counters is not null)
        {
            _counters.MidnightGlitches++;
        }
    }

    public void CountCurtailment()
    {
        if (_active && _counters is not null)
        {
            _counters.Curtailments++;
        }
    }

    private void CountDropped()
    {
        if (_active && _counters is not null)
        {
            _counters.Dropped++;
        }
    }

    private void CountBadQuality()
    {
        if (_active && _counters is not null)
        {
            _counters.BadQuality++;
        }
    }

    private void CountSpike()
    {
        if (_active && _counters is not null)
        {
            _counters.Spikes++;
        }
    }
}
