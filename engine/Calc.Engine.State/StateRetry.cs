using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Calc.Engine.Runtime;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Retries a state-store operation while Garnet/Redis is unreachable: capped exponential backoff
/// (<see cref="Backoff.StateStore"/>: 200 ms doubling to 5 s), each failure logged (event 4050) and the recovery too (4051). Used at
/// checkpoint barriers, where waiting is right: nothing is committed to Kafka meanwhile, so no record
/// is lost, and the run goes on as soon as the store answers. Stops only when cancelled.
/// </summary>
public static partial class StateRetry
{
    /// <summary>Runs <paramref name="operation"/> until it succeeds or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static T Run<T>(Func<T> operation, string what, ILogger logger, CancellationToken cancellationToken = default)
    {
        var failures = 0;
        var since = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var result = operation();
                if (failures > 0)
                {
                    LogRecovered(logger, what, failures, since.Elapsed.TotalSeconds);
                }

                return result;
            }
            catch (Exception ex) when (IsOutage(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    since.Restart();
                }

                var delay = Backoff.StateStore.After(failures);
                LogFailed(logger, what, failures, delay.TotalSeconds, Inner(ex).Message);
                Backoff.StateStore.Wait(failures, TimeProvider.System, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Same, for an operation without a result.</summary>
    public static void Run(Action operation, string what, ILogger logger, CancellationToken cancellationToken = default) =>
        Run(() => { operation(); return 0; }, what, logger, cancellationToken);

    /// <summary>Errors that mean the store is unreachable or not answering (not a bug in the request).</summary>
    public static bool IsOutage(Exception ex) => Inner(ex) is RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException or RedisServerException;

    private static Exception Inner(Exception ex) => ex is AggregateException { InnerException: { } inner } ? Inner(inner) : ex;

    [LoggerMessage(EventId = 4050, Level = LogLevel.Warning, Message = "State store: {What} failed (attempt {Attempt}), retrying in {Seconds} s; records wait in the source meanwhile: {Error}")]
    private static partial void LogFailed(ILogger logger, string what, int attempt, double seconds, string error);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Warning, Message = "State store: {What} succeeded again after {Attempts} failed attempts ({Seconds:0.0} s)")]
    private static partial void LogRecovered(ILogger logger, string what, int attempts, double seconds);
}
