using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;

namespace Calc.Engine.Tsdb;

public sealed partial class LineProtocolWriter
{
    private const int MinLinesPerParallelRequest = 1_000;

    /// <summary>
    /// Filters and coalesces <paramref name="batch"/> into the records to write. Without provisional writes,
    /// <c>early</c>/<c>onTime</c> records are held back until final (<see cref="HeldBackPoints"/>); with
    /// <paramref name="releaseAll"/> (the input ended) they are written.
    /// </summary>
    private void Select(IReadOnlyList<PointRecord> batch, out TsdbSkips skips, out int coalesced, bool releaseAll = false)
    {
        skips = default;
        coalesced = 0;
        _seen.Clear();
        _kept.Clear();
        _released.Clear();
        _held.BeginBatch();
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            if (!_policy.Keeps(record.ModelId, record.PointId))
            {
                skips.Policy++;
                continue;
            }

            RecordAttributes.Read(record, out var mode, out var site);
            if (record.Value.Kind is not (PointValueKind.Number or PointValueKind.Bool))
            {
                skips.NotNumeric++;
                continue;
            }

            if (LineProtocolEncoder.HasLineBreak(record.OrgId) || LineProtocolEncoder.HasLineBreak(record.ModelId)
                || LineProtocolEncoder.HasLineBreak(record.AssetId) || LineProtocolEncoder.HasLineBreak(record.PointId)
                || (site is not null && LineProtocolEncoder.HasLineBreak(site)))
            {
                skips.BadName++;
                continue;
            }

            var series = SeriesKey.Of(record);
            if (!_options.WriteProvisional)
            {
                if (_held.Arrive(series, record.Time, _released))
                {
                    coalesced++;
                }

                if (!releaseAll && mode is CalMode.Early or CalMode.OnTime)
                {
                    if (_seen.ContainsKey((series, record.Time)))
                    {
                        // A written record of this batch is followed by a provisional one: hold the newer value instead.
                        _kept[_seen[(series, record.Time)]] = default;
                        _seen.Remove((series, record.Time));
                        coalesced++;
                    }

                    _held.Hold(series, record, site);
                    continue;
                }
            }

            Keep(series, record, site, ref coalesced);
        }

        foreach (var (record, site) in _released)
        {
            // A record of this batch for the same series and time is newer than the held one it would replace.
            if (!_seen.ContainsKey((SeriesKey.Of(record), record.Time)))
            {
                Keep(SeriesKey.Of(record), record, site, ref coalesced);
            }
            else
            {
                coalesced++;
            }
        }

        if (_kept.Exists(k => k.Record.OrgId is null))
        {
            _kept.RemoveAll(k => k.Record.OrgId is null);
        }
    }

    private void Keep(SeriesKey series, in PointRecord record, string? site, ref int coalesced)
    {
        var key = (series, record.Time);
        if (_seen.TryGetValue(key, out var index))
        {
            // An upsert: the later emission of the same series and time replaces the earlier one.
            _kept[index] = (record, site);
            coalesced++;
        }
        else
        {
            _seen[key] = _kept.Count;
            _kept.Add((record, site));
        }
    }

    /// <summary>Appends the lines of the selected records [<paramref name="from"/>, <paramref name="to"/>) to the encoder.</summary>
    private void EncodeLines(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var (record, site) = _kept[i];
            _encoder.Append(record.ModelId, record.OrgId, record.AssetId, site, record.PointId,
                record.Value.Kind == PointValueKind.Bool ? (record.Value.Bool ? 1 : 0) : record.Value.Number, record.Time);
        }
    }

    /// <summary>
    /// Equal requests of at most <see cref="LineProtocolOptions.MaxLinesPerRequest"/> lines, and at least as
    /// many as may run in parallel once the batch has <see cref="MinLinesPerParallelRequest"/> lines per request.
    /// </summary>
    private int LinesPerRequest(int lines)
    {
        var requests = Math.Max(
            (lines + _options.MaxLinesPerRequest - 1) / _options.MaxLinesPerRequest,
            Math.Min(_options.MaxParallelRequests, lines / MinLinesPerParallelRequest));
        return Math.Max(1, (lines + requests - 1) / Math.Max(1, requests));
    }
}
