using System.Globalization;
using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;
using Dapper;

namespace Calc.Engine.Tsdb;

public sealed partial class SqliteTsdb
{
    /// <summary>
    /// The raw points of the store file at <paramref name="path"/> that <paramref name="export"/> selects, read
    /// read-only and one at a time, in time order over all selected series (ties by asset, then point): the order
    /// live data arrives in, so that each asset's points enter a topic as they would have from the device.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no store at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException">A pattern of <see cref="TsdbExport.Points"/> is malformed.</exception>
    public static IEnumerable<TsdbSample> Export(string path, TsdbExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no embedded TSDB at {path}", path);
        }

        var policy = new StoragePolicy(export.Points);
        return Rows(path, policy, export);
    }

    private static IEnumerable<TsdbSample> Rows(string path, StoragePolicy policy, TsdbExport export)
    {
        using var connection = SqliteSchema.OpenForReading(path);
        var assets = new HashSet<string>(export.Assets, StringComparer.Ordinal);
        var series = new Dictionary<long, SeriesRow>();
        foreach (var row in connection.Query<SeriesRow>("SELECT id AS Id, org AS Org, model AS Model, asset AS Asset, point AS Point FROM series"))
        {
            if ((export.OrgId is null || row.Org == export.OrgId) && (assets.Count == 0 || assets.Contains(row.Asset)) && policy.Keeps(row.Model, row.Point))
            {
                series[row.Id] = row;
            }
        }

        if (series.Count == 0)
        {
            yield break;
        }

        // Series ids are integers read from the store itself: listing them inline keeps clear of SQLite's parameter limit.
        var ids = string.Join(",", series.Keys.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var sql = $"""
            SELECT p.series AS Series, p.time AS Time, p.kind AS Kind, p.value AS Value
            FROM points p JOIN series s ON s.id = p.series
            WHERE p.series IN ({ids}) AND p.time >= @From AND p.time < @To
            ORDER BY p.time, s.asset, s.point
            """;
        foreach (var row in connection.Query<ExportRow>(sql, new { From = export.From ?? long.MinValue, To = export.To ?? long.MaxValue }, buffered: false))
        {
            var s = series[row.Series];
            yield return new TsdbSample(s.Org, s.Model, s.Asset, s.Point, row.Time, ValueOf(row.Kind, row.Value));
        }
    }

    private static PointValue ValueOf(long kind, object? value) => (PointValueKind)kind switch
    {
        PointValueKind.Number => PointValue.FromNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        PointValueKind.Bool => PointValue.FromBool(Convert.ToDouble(value, CultureInfo.InvariantCulture) != 0),
        PointValueKind.String => PointValue.FromString(value as string),
        _ => PointValue.Null,
    };

    private sealed class ExportRow
    {
        public long Series { get; set; }

        public long Time { get; set; }

        public long Kind { get; set; }

        public object? Value { get; set; }
    }
}
