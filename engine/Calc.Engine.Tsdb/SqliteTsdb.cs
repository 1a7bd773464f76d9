using Calc.Engine.Tsdb.Internal;
using Calc.Sdk;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Calc.Engine.Tsdb;

/// <summary>
/// The embedded time-series store (the default TSDB): one SQLite file in WAL mode, a series table
/// (org, model, asset, point → id) and a points table keyed by (series, time) with upsert semantics
/// (the last write for a series and time is the value). Retention runs when the store opens and then
/// every <see cref="SqliteTsdbOptions.RetentionInterval"/>. Queries (<see cref="Query(TsdbQuery)"/>) use
/// their own connection and may run while a batch is being written.
/// </summary>
public sealed partial class SqliteTsdb : ITsdbWriter
{
    private readonly SqliteTsdbOptions _options;
    private readonly StoragePolicy _policy;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly PointUpsertStatement _insertPoint;
    private readonly SqliteCommand _insertSeries;
    private readonly Dictionary<SeriesKey, long> _series = [];
    private PendingPoint[] _pending = new PendingPoint[1024];
    private ITimer? _retentionTimer;
    private bool _disposed;

    private SqliteTsdb(SqliteTsdbOptions options, ILogger? logger, TimeProvider? time)
    {
        _options = options;
        _policy = new StoragePolicy(options.Storage);
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _connection = SqliteSchema.OpenForWriting(options.Path, options.CacheSizeMb);
        _insertPoint = new PointUpsertStatement(_connection);
        _insertSeries = Prepare(SqliteSchema.UpsertSeries, "$org", "$model", "$asset", "$point");
        LoadSeries();
    }

    /// <summary>The database file.</summary>
    public string Path => _options.Path;

    /// <inheritdoc />
    public TsdbWriteCounters Counters { get; } = new();

    /// <summary>Opens (creating when missing) the store and starts its retention timer.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static SqliteTsdb Open(SqliteTsdbOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        var problems = new ProblemList();
        options.Validate(problems);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException(string.Join("; ", problems.Items), nameof(options));
        }

        var store = new SqliteTsdb(options, logger, time);
        if (options.RetentionDays > 0)
        {
            store.TryRunRetention();
            store._retentionTimer = store._time.CreateTimer(
                static state => ((SqliteTsdb)state!).TryRunRetention(), store, options.RetentionInterval, options.RetentionInterval);
        }

        return store;
    }

    /// <summary>Opens the store at <paramref name="path"/> with default options.</summary>
    public static SqliteTsdb Open(string path) => Open(new SqliteTsdbOptions { Path = path });

    /// <summary>Upserts the batch in one transaction; completes once it is committed.</summary>
    public Task WriteAsync(IReadOnlyList<PointRecord> batch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _gate.Wait(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WriteBatch(batch);
        }
        finally
        {
            _gate.Release();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _retentionTimer?.Dispose();
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _insertPoint.Dispose();
            _insertSeries.Dispose();
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteBatch(IReadOnlyList<PointRecord> batch)
    {
        var skips = default(TsdbSkips);
        var count = 0;
        var created = 0;
        using var transaction = _connection.BeginTransaction();
        _insertSeries.Transaction = transaction;
        try
        {
            if (_pending.Length < batch.Count)
            {
                _pending = new PendingPoint[Math.Max(batch.Count, _pending.Length * 2)];
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var record = batch[i];
                if (!_policy.Keeps(record.ModelId, record.PointId))
                {
                    skips.Policy++;
                }
                else if (!_options.WriteProvisional && RecordAttributes.CalModeOf(record) is CalMode.Early or CalMode.OnTime)
                {
                    skips.CalMode++;
                }
                else
                {
                    _pending[count++] = new PendingPoint(SeriesId(record, ref created), record.Time, i);
                }
            }

            Array.Sort(_pending, 0, count);
            for (var i = 0; i < count; i++)
            {
                var point = _pending[i];
                _insertPoint.Execute(point.Series, point.Time, batch[point.Index].Value);
            }

            transaction.Commit();
        }
        catch
        {
            if (created > 0)
            {
                // Ids handed out inside the rolled-back transaction do not exist: read them again.
                LoadSeries();
            }

            throw;
        }

        Counters.AddBatch(count, 0);
        Counters.AddSkipped(skips);
    }

    private long SeriesId(in PointRecord record, ref int created)
    {
        var key = SeriesKey.Of(record);
        if (_series.TryGetValue(key, out var id))
        {
            return id;
        }

        var parameters = _insertSeries.Parameters;
        parameters[0].Value = key.Org;
        parameters[1].Value = key.Model;
        parameters[2].Value = key.Asset;
        parameters[3].Value = key.Point;
        id = (long)_insertSeries.ExecuteScalar()!;
        _series[key] = id;
        created++;
        return id;
    }

    private void LoadSeries()
    {
        _series.Clear();
        foreach (var row in _connection.Query<SeriesRow>("SELECT id AS Id, org AS Org, model AS Model, asset AS Asset, point AS Point FROM series"))
        {
            _series[new SeriesKey(row.Org, row.Model, row.Asset, row.Point)] = row.Id;
        }
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
