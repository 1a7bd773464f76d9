using Calc.Sdk;

namespace Calc.Templates.Windows;

/// <summary>
/// Windows per (asset, policy). A window emits <c>onTime</c> when the asset's watermark reaches its end
/// (after the record that moved it went through preprocessing, so the values a linear repair releases
/// are in it),
/// stays open for late records for <c>latency</c> (re-emitting <c>late</c>), and is emitted
/// <c>final</c> at end of input or idle close if it was never emitted.
/// </summary>
internal sealed partial class TimeWindowOperator(WindowSettings settings, IReadOnlyList<WindowPolicy> policies)
    : IOperator, IWatermarkAware, IFlushable, ICheckpointable, ISampleSink
{
    private readonly Dictionary<(string Model, string Point), int[]> _byInput = Index(policies);
    private readonly Dictionary<string, AssetWindows>[] _windows = [.. policies.Select(_ => new Dictionary<string, AssetWindows>(StringComparer.Ordinal))];
    private IPreprocessor[] _preprocessors = [];
    private IOperatorContext _context = null!;
    private IOperatorMetrics _metrics = null!;
    private int _current;

    public void Open(IOperatorContext context)
    {
        _context = context;
        _metrics = context.Metrics;
        _preprocessors = [.. policies.Select(p => context.Preprocessing.Create(p.Preprocess))];
    }

    public void Process(in PointRecord record)
    {
        if (!_byInput.TryGetValue((record.ModelId, record.PointId), out var indexes))
        {
            return;
        }

        foreach (var index in indexes)
        {
            _current = index;
            _preprocessors[index].Process(in record, this);
        }
    }

    public void OnSample(in PointRecord record, double value, SampleStatus status)
    {
        if (status == SampleStatus.Invalid)
        {
            return;
        }

        var windows = Windows(_current, in record);
        var watermark = _context.GetWatermark(record.AssetId);
        var applied = false;
        var lastStart = Floor(record.Time, settings.SlideMs);
        for (var start = lastStart; start > record.Time - settings.WindowMs; start -= settings.SlideMs)
        {
            var end = start + settings.WindowMs;
            if (end + settings.LatencyMs <= watermark)
            {
                continue;
            }

            var window = windows.GetOrAdd(start);
            window.Add(record.Time, value);
            applied = true;
            if (_context.Trace is { } trace)
            {
                TraceWindow(trace, window, end, status);
            }

            if (window.Emitted || end <= watermark)
            {
                Emit(windows, window, _current, CalMode.Late);
            }
        }

        if (applied)
        {
            _metrics.Used();
        }
        else
        {
            _context.Metrics.Count("tooLate");
        }
    }

    public void OnWatermark(string assetId, long watermark)
    {
        for (var p = 0; p < policies.Count; p++)
        {
            if (!_windows[p].TryGetValue(assetId, out var windows))
            {
                continue;
            }

            var open = windows.Open;
            var removed = 0;
            for (var i = 0; i < open.Count; i++)
            {
                var window = open[i];
                var end = window.Start + settings.WindowMs;
                if (end > watermark)
                {
                    break;
                }

                if (!window.Emitted)
                {
                    Emit(windows, window, p, CalMode.OnTime);
                }

                if (end + settings.LatencyMs <= watermark)
                {
                    removed++;
                }
            }

            if (removed > 0)
            {
                open.RemoveRange(0, removed);
            }
        }
    }

    public void FlushAsset(string assetId)
    {
        for (var p = 0; p < policies.Count; p++)
        {
            _current = p;
            _preprocessors[p].Flush(assetId, this);
            if (_windows[p].Remove(assetId, out var windows))
            {
                EmitRemaining(windows, p);
            }
        }
    }

    public void FlushAll()
    {
        for (var p = 0; p < policies.Count; p++)
        {
            _current = p;
            _preprocessors[p].FlushAll(this);
            foreach (var windows in _windows[p].Values)
            {
                EmitRemaining(windows, p);
            }

            _windows[p].Clear();
        }
    }

    public void Close()
    {
    }

    private void EmitRemaining(AssetWindows windows, int policy)
    {
        foreach (var window in windows.Open)
        {
            if (!window.Emitted)
            {
                Emit(windows, window, policy, CalMode.Final);
            }
        }
    }

    private void Emit(AssetWindows windows, WindowAccumulator window, int policy, CalMode mode)
    {
        window.Emitted = true;
        var p = policies[policy];
        var value = PointValue.FromNumber(window.Result(p.Aggregation));
        _context.Emit(new PointRecord
        {
            OrgId = windows.OrgId,
            ModelId = windows.ModelId,
            AssetId = windows.AssetId,
            PointId = p.Output.PointId,
            Time = window.Start,
            Value = value,
            CalMode = mode,
        });
    }

    private AssetWindows Windows(int policy, in PointRecord record)
    {
        var map = _windows[policy];
        if (!map.TryGetValue(record.AssetId, out var windows))
        {
            windows = new AssetWindows(record.OrgId, record.ModelId, record.AssetId);
            map[record.AssetId] = windows;
        }

        return windows;
    }

    private static long Floor(long time, long size)
    {
        var q = time / size;
        if (time % size != 0 && time < 0)
        {
            q--;
        }

        return q * size;
    }

    private static Dictionary<(string, string), int[]> Index(IReadOnlyList<WindowPolicy> policies)
    {
        var map = new Dictionary<(string, string), int[]>();
        for (var i = 0; i < policies.Count; i++)
        {
            var key = (policies[i].Input.ModelId, policies[i].Input.PointId);
            map[key] = map.TryGetValue(key, out var existing) ? [.. existing, i] : [i];
        }

        return map;
    }
}
