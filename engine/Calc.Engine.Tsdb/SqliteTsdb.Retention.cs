using Calc.Engine.Tsdb.Internal;
using Microsoft.Data.Sqlite;

namespace Calc.Engine.Tsdb;

public sealed partial class SqliteTsdb
{
    private const int SeriesPerRetentionTransaction = 1_000;

    /// <summary>
    /// Deletes the points older than <see cref="SqliteTsdbOptions.RetentionDays"/> days before now
    /// (nothing when it is 0). Runs by itself on a timer; callable any time.
    /// </summary>
    /// <returns>How many points were deleted.</returns>
    public long RunRetention()
    {
        if (_options.RetentionDays <= 0)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
        var deleted = DeleteOlderThan(cutoff.ToUnixTimeMilliseconds());
        TsdbLog.RetentionRan(_logger, deleted, cutoff);
        return deleted;
    }

    /// <summary>Deletes every point with a time before <paramref name="cutoffEpochMs"/>.</summary>
    /// <returns>How many points were deleted.</returns>
    public long DeleteOlderThan(long cutoffEpochMs)
    {
        long[] ids;
        _gate.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ids = [.. _series.Values];
        }
        finally
        {
            _gate.Release();
        }

        // Per series, so each delete is a range scan of the primary key; in slices, so writes interleave.
        var deleted = 0L;
        for (var start = 0; start < ids.Length; start += SeriesPerRetentionTransaction)
        {
            _gate.Wait();
            try
            {
                if (_disposed)
                {
                    break;
                }

                deleted += DeleteSlice(ids.AsSpan(start, Math.Min(SeriesPerRetentionTransaction, ids.Length - start)), cutoffEpochMs);
            }
            finally
            {
                _gate.Release();
            }
        }

        return deleted;
    }

    private long DeleteSlice(ReadOnlySpan<long> ids, long cutoffEpochMs)
    {
        using var transaction = _connection.BeginTransaction();
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM points WHERE series = $s AND time < $cutoff";
        var series = delete.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
        delete.Parameters.AddWithValue("$cutoff", cutoffEpochMs);
        var deleted = 0L;
        foreach (var id in ids)
        {
            series.Value = id;
            deleted += delete.ExecuteNonQuery();
        }

        transaction.Commit();
        return deleted;
    }

    private void TryRunRetention()
    {
        try
        {
            RunRetention();
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            TsdbLog.RetentionFailed(_logger, ex.Message);
        }
    }
}
