using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Calc.Engine.Runtime;
using Calc.Engine.State.Internal;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Calc.Engine.State;

public sealed partial class DeviceStateWriter
{
    /// <summary>HSET of the fields whose stored time is not newer (ARGV: pointId, time, json, …).</summary>
    internal const string GuardScript = """
        local n = 0
        for i = 1, #ARGV, 3 do
          local cur = redis.call('HGET', KEYS[1], ARGV[i])
          local t = nil
          if cur then t = tonumber(string.match(cur, '"time":(%-?%d+)')) end
          if (not t) or t <= tonumber(ARGV[i + 1]) then
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
            n = n + 1
          end
        end
        return n
        """;

    /// <summary>The background loop rests this many times as long as its last flush took (at least the flush interval).</summary>
    private const int RestPerFlush = 4;
    private long _nextEvictionMs;

    private async Task RunAsync()
    {
        var failures = 0;
        var lastFlush = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            // Writing may take at most 1 / (1 + RestPerFlush) of the time: when a flush is slow (many assets,
            // AOF on a busy machine) the next waits longer and more updates coalesce into one HSET per
            // asset, instead of Garnet and the serialization taking the cores the engine needs.
            var rest = lastFlush * RestPerFlush > _options.FlushInterval ? lastFlush * RestPerFlush : _options.FlushInterval;
            var wait = failures == 0 ? rest : Backoff.StateStore.After(failures);
            try
            {
                await _wake.WaitAsync(wait, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await _flushLock.WaitAsync();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await FlushOnceAsync(CancellationToken.None);
                lastFlush = Stopwatch.GetElapsedTime(started);
                failures = 0;
                EvictIdle();
            }
            catch (Exception ex)
            {
                failures++;
                LogFlushFailed(_logger, ex);
            }
            finally
            {
                _flushLock.Release();
            }
        }
    }

    /// <summary>One round: read stored times of new assets, take the buffer, write it. Caller holds <see cref="_flushLock"/>.</summary>
    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        List<AssetLatest>? toLoad = null;
        lock (_gate)
        {
            foreach (var asset in _dirty)
            {
                if (!asset.Loaded)
                {
                    (toLoad ??= []).Add(asset);
                }
            }
        }

        if (toLoad is not null)
        {
            await LoadStoredTimesAsync(toLoad, cancellationToken);
        }

        List<PendingWrite> writes;
        lock (_gate)
        {
            writes = TakeDirty();
        }

        if (writes.Count == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(writes, cancellationToken);
            Interlocked.Increment(ref _flushes);
        }
        catch
        {
            Interlocked.Increment(ref _failedFlushes);
            lock (_gate)
            {
                Requeue(writes);
            }

            throw;
        }
    }

    private async Task LoadStoredTimesAsync(List<AssetLatest> assets, CancellationToken cancellationToken)
    {
        var replies = new Task<HashEntry[]>[Math.Min(assets.Count, _options.PipelineAssets)];
        for (var start = 0; start < assets.Count; start += replies.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(replies.Length, assets.Count - start);
            for (var i = 0; i < count; i++)
            {
                replies[i] = _database.HashGetAllAsync(assets[start + i].Key);
            }

            await Task.WhenAll(replies.AsSpan(0, count));
            lock (_gate)
            {
                for (var i = 0; i < count; i++)
                {
                    MergeStored(assets[start + i], replies[i].Result);
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Raises in-memory times to the stored ones; a buffered value older than Garnet's is dropped.</summary>
    private void MergeStored(AssetLatest asset, HashEntry[] stored)
    {
        foreach (var entry in stored)
        {
            if (!LatestValueJson.TryReadTime(((ReadOnlyMemory<byte>)entry.Value).Span, out var storedTime))
            {
                continue;
            }

            ref var slot = ref asset.GetOrAdd(entry.Name.ToString(), out var existed);
            if (!existed || slot.Time < storedTime)
            {
                slot.Time = storedTime;
                if (slot.Dirty)
                {
                    slot.Dirty = false;
                    _pending--;
                    _stale++;
                }
            }
        }

        asset.Loaded = true;
    }

    private List<PendingWrite> TakeDirty()
    {
        var now = _clock.NowMs;
        var expiryMs = (long?)_options.IdleExpiry?.TotalMilliseconds;
        var writes = new List<PendingWrite>(_dirty.Count);
        var keep = new List<AssetLatest>();
        var taken = 0;
        foreach (var asset in _dirty)
        {
            if (!asset.Loaded)
            {
                keep.Add(asset);
                continue;
            }

            asset.Queued = false;
            var updates = new List<PointUpdate>(asset.DirtyPoints.Count);
            foreach (var pointId in asset.DirtyPoints)
            {
                ref var slot = ref asset.Find(pointId);
                if (!Unsafe.IsNullRef(ref slot) && slot.Dirty)
                {
                    slot.Dirty = false;
                    updates.Add(new PointUpdate(pointId, slot.Time, slot.Value, slot.Quality));
                }
            }

            asset.DirtyPoints.Clear();
            if (updates.Count == 0)
            {
                continue;
            }

            taken += updates.Count;
            var refresh = expiryMs is { } ms && (asset.ExpireSetMs == long.MinValue || now - asset.ExpireSetMs >= ms / 8);
            if (refresh)
            {
                asset.ExpireSetMs = now;
            }

            writes.Add(new PendingWrite(asset, [.. updates], refresh));
        }

        _dirty = keep;
        _pending -= taken;
        Monitor.PulseAll(_gate);
        return writes;
    }

    private async Task WriteAsync(List<PendingWrite> writes, CancellationToken cancellationToken)
    {
        var tasks = new List<Task>(Math.Min(writes.Count, _options.PipelineAssets) * 2);
        for (var start = 0; start < writes.Count; start += _options.PipelineAssets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tasks.Clear();
            var end = Math.Min(writes.Count, start + _options.PipelineAssets);
            long points = 0;
            for (var i = start; i < end; i++)
            {
                var write = writes[i];
                tasks.Add(_options.UseScript ? SendGuarded(write) : SendHashSet(write));
                if (write.RefreshExpiry)
                {
                    tasks.Add(_database.KeyExpireAsync(write.Asset.Key, _options.IdleExpiry));
                }

                points += write.Updates.Length;
            }

            await Task.WhenAll(tasks);
            Interlocked.Add(ref _pointsWritten, points);
            Interlocked.Add(ref _hashWrites, end - start);
        }
    }

    private Task SendHashSet(PendingWrite write)
    {
        var entries = new HashEntry[write.Updates.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var u = write.Updates[i];
            entries[i] = new HashEntry(u.PointId, LatestValueJson.Serialize(u.Time, u.Value, u.Quality));
        }

        return _database.HashSetAsync(write.Asset.Key, entries);
    }

    private Task SendGuarded(PendingWrite write)
    {
        var args = new RedisValue[write.Updates.Length * 3];
        for (var i = 0; i < write.Updates.Length; i++)
        {
            var u = write.Updates[i];
            args[3 * i] = u.PointId;
            args[(3 * i) + 1] = u.Time;
            args[(3 * i) + 2] = LatestValueJson.Serialize(u.Time, u.Value, u.Quality);
        }

        return _database.ScriptEvaluateAsync(GuardScript, [write.Asset.Key], args);
    }

    /// <summary>After a failed write: mark the values dirty again unless a newer one arrived meanwhile.</summary>
    private void Requeue(List<PendingWrite> writes)
    {
        foreach (var write in writes)
        {
            var asset = write.Asset;
            if (write.RefreshExpiry)
            {
                asset.ExpireSetMs = long.MinValue;
            }

            foreach (var u in write.Updates)
            {
                ref var slot = ref asset.Find(u.PointId);
                if (Unsafe.IsNullRef(ref slot) || slot.Dirty || slot.Time != u.Time)
                {
                    continue;
                }

                slot.Dirty = true;
                asset.DirtyPoints.Add(u.PointId);
                _pending++;
                if (!asset.Queued)
                {
                    asset.Queued = true;
                    _dirty.Add(asset);
                }
            }
        }
    }

    /// <summary>Forgets assets idle for <see cref="DeviceStateWriterOptions.IdleExpiry"/>. Caller holds <see cref="_flushLock"/>.</summary>
    private void EvictIdle()
    {
        if (_options.IdleExpiry is not { } expiry)
        {
            return;
        }

        var now = _clock.NowMs;
        if (now < _nextEvictionMs)
        {
            return;
        }

        var expiryMs = (long)expiry.TotalMilliseconds;
        _nextEvictionMs = now + Math.Clamp(expiryMs / 4, 1, 30_000);
        lock (_gate)
        {
            List<AssetKey>? idle = null;
            foreach (var (key, asset) in _assets)
            {
                if (!asset.Queued && now - asset.LastTouchMs >= expiryMs)
                {
                    (idle ??= []).Add(key);
                }
            }

            if (idle is not null)
            {
                _lastAsset = null;
                foreach (var key in idle)
                {
                    _assets.Remove(key);
                }
            }
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Writing latest values to Garnet failed; the values are kept and retried")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
