using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Marks a job as running: key <c>calc:lease:{jobId}</c> holds the owner's id with a TTL, renewed every
/// third of the TTL while this object lives. Only one holder at a time: a second <c>calc run</c> of the
/// job, or <c>calc state delete</c>, fails to acquire it. If the process dies the lease lapses after the TTL.
/// </summary>
public sealed partial class JobLease : IAsyncDisposable
{
    /// <summary>Default time to live.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(15);

    // Compare-and-act in one script: Garnet 2.2.8 answered the WATCH-guarded transaction that
    // StackExchange.Redis LockExtend sends with a malformed reply that killed the connection.
    // Scripts need Lua on the server (the embedded Garnet has it; an external Garnet needs --lua).
    private const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private readonly IDatabase _database;
    private readonly string _key;
    private readonly TimeSpan _ttl;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;
    private bool _disposed;

    private readonly TimeProvider _time;

    private JobLease(IDatabase database, string jobId, string owner, TimeSpan ttl, ILogger logger, TimeProvider time)
    {
        _time = time;
        _database = database;
        JobId = jobId;
        Owner = owner;
        _key = StateKeys.Lease(jobId);
        _ttl = ttl;
        _logger = logger;
        _renewal = Task.Run(RenewLoopAsync);
    }

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>This holder's id.</summary>
    public string Owner { get; }

    /// <summary>Cancelled when the lease was found taken by someone else or lapsed (the job should stop).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes the job's lease, or returns null when another holder has it.</summary>
    /// <param name="time">The clock of the renewal timer (system by default; a fake one in tests).</param>
    public static async Task<JobLease?> TryAcquireAsync(IDatabase database, string jobId, TimeSpan? timeToLive = null, string? owner = null, ILogger? logger = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = timeToLive ?? DefaultTimeToLive;
        owner ??= string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        // Garnet starts its Lua runtime on a connection's first script (over a second): do it before the
        // TTL starts running, so that the first renewal is not late.
        await database.ScriptEvaluateAsync(RenewScript, [StateKeys.Lease(jobId)], [string.Empty, 1]);
        var acquired = await database.StringSetAsync(StateKeys.Lease(jobId), owner, ttl, When.NotExists);
        return acquired ? new JobLease(database, jobId, owner, ttl, logger ?? NullLogger.Instance, time ?? TimeProvider.System) : null;
    }

    /// <summary>The current holder of a job's lease, or null when the job is not running.</summary>
    public static async Task<LeaseInfo?> InspectAsync(IDatabase database, string jobId)
    {
        var lease = await database.StringGetWithExpiryAsync(StateKeys.Lease(jobId));
        return lease.Value.IsNull ? null : new LeaseInfo(jobId, lease.Value.ToString(), lease.Expiry);
    }

    /// <summary>Extends the TTL if this object still holds the lease; false (and <see cref="Lost"/>) otherwise.</summary>
    public async Task<bool> RenewAsync()
    {
        if ((long)await _database.ScriptEvaluateAsync(RenewScript, [_key], [Owner, (long)_ttl.TotalMilliseconds]) == 1)
        {
            return true;
        }

        await _lost.CancelAsync();
        return false;
    }

    /// <summary>Stops renewing and deletes the key if still held.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await _database.ScriptEvaluateAsync(ReleaseScript, [_key], [Owner]);
        }
        catch (Exception ex)
        {
            // It lapses by itself after the TTL.
            LogReleaseFailed(_logger, JobId, ex);
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewLoopAsync()
    {
        var lastRenewed = _time.GetUtcNow();
        using var timer = new PeriodicTimer(_ttl / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (!await RenewAsync())
                    {
                        LogLost(_logger, JobId);
                        return;
                    }

                    lastRenewed = _time.GetUtcNow();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRenewFailed(_logger, JobId, ex);
                    if (_time.GetUtcNow() - lastRenewed >= _ttl)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    [LoggerMessage(EventId = 4040, Level = LogLevel.Error, Message = "The lease of job {JobId} was lost (taken or lapsed)")]
    private static partial void LogLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed; retrying")]
    private static partial void LogRenewFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(EventId = 4042, Level = LogLevel.Warning, Message = "Releasing the lease of job {JobId} failed; it lapses by itself")]
    private static partial void LogReleaseFailed(ILogger logger, string jobId, Exception exception);
}
