namespace Calc.Templates.Merging;

/// <summary>
/// The <see cref="MergingRoute"/> of each (model, point) pair seen, built once on first sight. The
/// last pair is remembered by reference: the engine interns ids read from JSON, so consecutive records
/// of one point skip the lookup. At most <see cref="MaxEntries"/> pairs are kept (a stream of ever new
/// point ids cannot grow it without bound); others are built each time.
/// </summary>
internal sealed class RouteTable(Func<string, string, MergingRoute> build)
{
    internal const int MaxEntries = 4096;

    private readonly Dictionary<string, Dictionary<string, MergingRoute>> _byModel = new(StringComparer.Ordinal);
    private int _count;
    private string? _lastModel;
    private string? _lastPoint;
    private MergingRoute? _last;

    public MergingRoute Get(string model, string point)
    {
        if (ReferenceEquals(model, _lastModel) && ReferenceEquals(point, _lastPoint))
        {
            return _last!;
        }

        if (!_byModel.TryGetValue(model, out var points))
        {
            points = new Dictionary<string, MergingRoute>(StringComparer.Ordinal);
            if (_count < MaxEntries)
            {
                _byModel[model] = points;
            }
        }

        if (!points.TryGetValue(point, out var route))
        {
            route = build(model, point);
            if (_count < MaxEntries)
            {
                points[point] = route;
                _count++;
            }
        }

        _lastModel = model;
        _lastPoint = point;
        _last = route;
        return route;
    }
}
