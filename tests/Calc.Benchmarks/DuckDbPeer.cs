using System.Diagnostics;
using DuckDB.NET.Data;

namespace Calc.Benchmarks;

/// <summary>The peer: DuckDB's <c>read_ndjson</c> with a GROUP BY, the same 1 h average per (asset, point) over numeric values.</summary>
internal static class DuckDbPeer
{
    public static (double Seconds, Dictionary<string, double> Averages) Aggregate(string file, int threads)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = "SET threads = " + threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
            set.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            SELECT assetId, pointId, (time // 3600000) * 3600000 AS hour, avg(CAST(value AS DOUBLE)) AS average
            FROM read_ndjson('{{file.Replace("'", "''", StringComparison.Ordinal)}}',
                 columns = {orgId: 'VARCHAR', modelId: 'VARCHAR', assetId: 'VARCHAR', pointId: 'VARCHAR', time: 'BIGINT', value: 'JSON'})
            WHERE json_type(value) IN ('DOUBLE', 'BIGINT', 'UBIGINT')
            GROUP BY ALL
            """;
        var averages = new Dictionary<string, double>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                averages[$"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetInt64(2)}"] = reader.GetDouble(3);
            }
        }

        return (watch.Elapsed.TotalSeconds, averages);
    }
}
