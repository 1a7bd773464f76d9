using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State.Tests;

public sealed class StateRetryTests
{
    [Fact]
    public void ShouldRetryWhileTheStoreIsUnreachableAndReturnWhatTheOperationReturnsOnceItAnswers()
    {
        var attempts = 0;
        var result = StateRetry.Run(() =>
        {
            if (++attempts < 3)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available", null, CommandStatus.Unknown);
            }

            return 42;
        }, "test", NullLogger.Instance);

        Assert.Equal((42, 3), (result, attempts));
    }

    [Fact]
    public void ShouldNotRetryAnErrorThatIsNotAnOutage()
    {
        var attempts = 0;
        Assert.Throws<InvalidOperationException>(() => StateRetry.Run(() => { attempts++; throw new InvalidOperationException("bug"); }, "test", NullLogger.Instance));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void ShouldStopWaitingWhenCancelled()
    {
        // Cancelled while it announces the wait after the third failure: the wait must end at once, with no
        // fourth try (a count, not a wall-clock range, so a loaded machine cannot change the answer).
        using var cancel = new CancellationTokenSource();
        var logger = new CancelOnWarning(cancel, warnings: 3);
        var attempts = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => StateRetry.Run(() => { attempts++; throw new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent); }, "test", logger, cancel.Token));
        Assert.Equal(3, attempts);
    }

    private sealed class CancelOnWarning(CancellationTokenSource cancel, int warnings) : ILogger
    {
        private int _seen;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && ++_seen == warnings)
            {
                cancel.Cancel();
            }
        }
    }
}
