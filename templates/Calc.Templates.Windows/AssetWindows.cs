namespace Calc.Templates.Windows;

/// <summary>The open windows of one (asset, policy), ordered by start; and the ids its outputs carry.</summary>
internal sealed class AssetWindows(string orgId, string modelId, string assetId)
{
    public string OrgId { get; } = orgId;

    public string ModelId { get; } = modelId;

    public string AssetId { get; } = assetId;

    public List<WindowAccumulator> Open { get; } = [];

    public WindowAccumulator GetOrAdd(long start)
    {
        var open = Open;
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Start == start)
            {
                return open[i];
            }

            if (open[i].Start < start)
            {
                var created = new WindowAccumulator(start);
                open.Insert(i + 1, created);
                return created;
            }
        }

        var first = new WindowAccumulator(start);
        open.Insert(0, first);
        return first;
    }
}
