using Dapper;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Tsdb.Bench;

internal static class SqliteBench
{
    /// <summary>The writer loop with the embedded store from prepared batches, into a new file.</summary>
    public static async Task<Rate> WriterAsync(Settings settings)
    {
        var records = BenchPoints.Make(settings.Assets, settings.Times, "inverter");
        var path = NewFile();
        try
        {
            using var store = SqliteTsdb.Open(path);
            var source = new ListSource(BenchPoints.Batches(records, settings.Batch).Select(b => new TsdbBatch(b)).ToList());
            var loop = new TsdbWriterLoop(source, store, new TsdbWriterLoopOptions { MaxRecordsPerWrite = settings.MaxRecordsPerWrite });
            var meter = new CpuMeter();
            await loop.RunAsync(default);
            if (store.Counters.Written != records.Length)
            {
                throw new InvalidOperationException("the store did not write every point");
            }

            return Rate.Of(records.Length, meter);
        }
        finally
        {
            Delete(path);
        }
    }

    /// <summary>
    /// Plain SQLite: the same points as (series, time, kind, value) rows into the same table in one
    /// transaction with one prepared INSERT, series ids known beforehand, same file settings as the store
    /// (WAL, synchronous=NORMAL, the same page cache).
    /// </summary>
    public static Rate Raw(Settings settings)
    {
        var records = BenchPoints.Make(settings.Assets, settings.Times, "inverter");
        var path = NewFile();
        try
        {
            SqliteTsdb.Open(path).Dispose();
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            connection.Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{SqliteTsdbOptions.DefaultCacheSizeMb * 1024};");
            var ids = new Dictionary<string, long>();
            foreach (var asset in records.Select(r => r.AssetId).Distinct())
            {
                ids[asset] = connection.ExecuteScalar<long>(
                    "INSERT INTO series(org, model, asset, point) VALUES('o1', 'inverter', @asset, 'ENERGY_15M') RETURNING id", new { asset });
            }

            var meter = new CpuMeter();
            using (var transaction = connection.BeginTransaction())
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO points(series, time, kind, value) VALUES($s, $t, 1, $v)";
                var s = insert.Parameters.Add("$s", SqliteType.Integer);
                var t = insert.Parameters.Add("$t", SqliteType.Integer);
                var v = insert.Parameters.Add("$v", SqliteType.Real);
                insert.Prepare();
                foreach (var record in records)
                {
                    s.Value = ids[record.AssetId];
                    t.Value = record.Time;
                    v.Value = record.Value.Number;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            return Rate.Of(records.Length, meter);
        }
        finally
        {
            Delete(path);
        }
    }

    private static string NewFile() => Path.Combine(Path.GetTempPath(), "calc-bench-" + Guid.NewGuid().ToString("N") + ".db");

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
