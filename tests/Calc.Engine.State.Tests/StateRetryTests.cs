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
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var attempts = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => StateRetry.Run(() => { attempts++; throw new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent); }, "test", NullLogger.Instance, cancel.Token));
        Assert.InRange(attempts, 2, 4); // 200 ms, then 400 ms of backoff fit in 700 ms
    }
}
