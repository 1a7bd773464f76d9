using Calc.Engine.State;
using StackExchange.Redis;

namespace Calc.Engine.Hosting.Stores;

/// <summary>
/// Holds the job's <see cref="JobLease"/> while a Kafka run with device state runs, so that
/// <c>calc state delete</c> refuses meanwhile. Several workers of one job (a consumer group) share the
/// job: one holds the lease, the others keep trying every few seconds and take it over when it is
/// released or lapses (a killed worker's lease lapses after its TTL, 15 s). The job never stops
/// because of the lease.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly IDatabase _database;
    private readonly string _jobId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeProvider _time;
    private JobLease? _lease;

    private LeaseKeeper(IDatabase database, string jobId, JobLease? lease, TimeProvider time)
    {
        _time = time;
        _database = database;
        _jobId = jobId;
        _lease = lease;
        _loop = Task.Run(KeepAsync);
    }

    /// <summary>True while this process holds the lease.</summary>
    public bool Held => _lease is { } lease && !lease.Lost.IsCancellationRequested;

    public static async Task<LeaseKeeper> StartAsync(IDatabase database, string jobId, TextWriter error, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var lease = await JobLease.TryAcquireAsync(database, jobId, time: time);
        if (lease is null)
        {
            var holder = await JobLease.InspectAsync(database, jobId);
            error.WriteLine($"calc run: the lease of job '{jobId}' is held by {holder?.Owner ?? "another process"} (another worker of the job, or one that stopped less than {JobLease.DefaultTimeToLive.TotalSeconds:0} s ago); this worker runs and takes it over when it is free");
        }

        return new LeaseKeeper(database, jobId, lease, time);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task KeepAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(RetryInterval, _time, _stop.Token);
                if (Held)
                {
                    continue;
                }

                try
                {
                    if (_lease is not null)
                    {
                        await _lease.DisposeAsync();
                        _lease = null;
                    }

                    _lease = await JobLease.TryAcquireAsync(_database, _jobId, time: _time, cancellationToken: _stop.Token);
                }
                catch (Exception ex) when (StateRetry.IsOutage(ex) || ex is RedisException)
                {
                    // The store is down: the barrier reports it; try again later.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
