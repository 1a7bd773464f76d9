using Calc.Sdk;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>Reads raw points or bucket aggregates of one (asset, point) from the embedded store.</summary>
internal static class SqliteQueryRunner
{
    private const string SeriesSql = """
        SELECT id AS Id, org AS Org, model AS Model, asset AS Asset, point AS Point FROM series
        WHERE asset = @AssetId AND point = @PointId AND (@OrgId IS NULL OR org = @OrgId) AND (@ModelId IS NULL OR model = @ModelId)
        ORDER BY org, model
        """;

    private const string RawSql = """
        SELECT time AS Time, kind AS Kind, value AS Value FROM points
        WHERE series = @Id AND time >= @From AND time < @To ORDER BY time
        """;

    // Buckets start at multiples of @Every from the epoch (floor, also for times before 1970).
    private const string Bucket = "(time - (((time % @Every) + @Every) % @Every))";
    private const string Numeric = "series = @Id AND time >= @From AND time < @To AND kind IN (1, 3)";

    public static List<TsdbSample> Run(SqliteConnection connection, TsdbQuery query)
    {
        var problems = new ProblemList();
        query.Validate(problems);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items), nameof(query));
        }

        var samples = new List<TsdbSample>();
        var from = query.From ?? long.MinValue;
        var to = query.To ?? long.MaxValue;
        foreach (var series in connection.Query<SeriesRow>(SeriesSql, new { query.AssetId, query.PointId, query.OrgId, query.ModelId }))
        {
            if (query.Aggregation is { } aggregation)
            {
                var sql = AggregateSql(aggregation);
                foreach (var row in connection.Query<AggregateRow>(sql, new { series.Id, From = from, To = to, Every = query.Every!.Value }))
                {
                    samples.Add(Sample(series, row.Time, PointValue.FromNumber(row.Value)));
                }
            }
            else
            {
                foreach (var row in connection.Query<PointRow>(RawSql, new { series.Id, From = from, To = to }))
                {
                    samples.Add(Sample(series, row.Time, ValueOf(row)));
                }
            }
        }

        return samples;
    }

    private static string AggregateSql(TsdbAggregation aggregation) => aggregation switch
    {
        // SQLite takes a bare column from the row that holds min()/max(): the first and last value by time.
        TsdbAggregation.First => $"SELECT {Bucket} AS Time, value AS Value, min(time) AS Edge FROM points WHERE {Numeric} GROUP BY 1 ORDER BY 1",
        TsdbAggregation.Last => $"SELECT {Bucket} AS Time, value AS Value, max(time) AS Edge FROM points WHERE {Numeric} GROUP BY 1 ORDER BY 1",
        _ => $"SELECT {Bucket} AS Time, CAST({Function(aggregation)}(value) AS REAL) AS Value FROM points WHERE {Numeric} GROUP BY 1 ORDER BY 1",
    };

    private static string Function(TsdbAggregation aggregation) => aggregation switch
    {
        TsdbAggregation.Avg => "avg",
        TsdbAggregation.Min => "min",
        TsdbAggregation.Max => "max",
        TsdbAggregation.Sum => "total",
        TsdbAggregation.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
    };

    private static TsdbSample Sample(SeriesRow series, long time, PointValue value) =>
        new(series.Org, series.Model, series.Asset, series.Point, time, value);

    private static PointValue ValueOf(PointRow row) => (PointValueKind)row.Kind switch
    {
        PointValueKind.Number => PointValue.FromNumber(Convert.ToDouble(row.Value, System.Globalization.CultureInfo.InvariantCulture)),
        PointValueKind.Bool => PointValue.FromBool(Convert.ToDouble(row.Value, System.Globalization.CultureInfo.InvariantCulture) != 0),
        PointValueKind.String => PointValue.FromString(row.Value as string),
        _ => PointValue.Null,
    };

    private sealed class PointRow
    {
        public long Time { get; set; }

        public long Kind { get; set; }

        public object? Value { get; set; }
    }

    private sealed class AggregateRow
    {
        public long Time { get; set; }

        public double Value { get; set; }

        public long Edge { get; set; }
    }
}
