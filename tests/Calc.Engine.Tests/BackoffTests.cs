using Calc.Engine.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Engine.Tests;

public sealed class BackoffTests
{
    [Fact]
    public void ShouldDoubleFromTheFirstWaitAndStopAtTheLongest()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], Enumerable.Range(1, 7).Select(n => backoff.After(n).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.After(1_000));
        Assert.Equal(TimeSpan.FromSeconds(60), Backoff.ServedJob.After(7));
        Assert.Equal(TimeSpan.FromSeconds(32), Backoff.ServedJob.After(6));
    }

    [Fact]
    public async Task ShouldWaitOnTheGivenClockAndStopWhenCancelled()
    {
        var time = new FakeTimeProvider();
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        var waiting = Task.Run(() => backoff.Wait(3, time, CancellationToken.None));
        SpinWait.SpinUntil(() => waiting.IsCompleted, 200);
        Assert.False(waiting.IsCompleted);
        while (!waiting.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            SpinWait.SpinUntil(() => waiting.IsCompleted, 20);
        }

        Assert.True(await waiting);
        Assert.True(time.GetUtcNow() - time.Start >= TimeSpan.FromSeconds(4), "the third wait is 4 s of fake time");

        using var cancel = new CancellationTokenSource();
        var cancelled = Task.Run(() => backoff.Wait(1, time, cancel.Token));
        cancel.Cancel();
        Assert.False(await cancelled);
    }
}
