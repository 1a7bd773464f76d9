using Calc.Sdk;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>Identity of a stored series: (org, model, asset, point).</summary>
internal readonly record struct SeriesKey(string Org, string Model, string Asset, string Point)
{
    public static SeriesKey Of(in PointRecord record) => new(record.OrgId, record.ModelId, record.AssetId, record.PointId);
}
