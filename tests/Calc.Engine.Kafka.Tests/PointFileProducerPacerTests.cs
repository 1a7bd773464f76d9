using Calc.Engine.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Engine.Kafka.Tests;

public sealed class PointFileProducerPacerTests
{
    [Fact]
    public async Task ShouldHoldRecordNBackUntilNOverTheRateSecondsOfTheClock()
    {
        var time = new FakeTimeProvider();
        var pacer = new PointFileProducer.Pacer(10, time);

        pacer.Wait(0, CancellationToken.None);
        var fifth = Task.Run(() => pacer.Wait(5, CancellationToken.None));
        await Task.WhenAny(fifth, Task.Delay(100));
        Assert.False(fifth.IsCompleted, "record 5 of 10/s is due at 0.5 s");
        time.Advance(TimeSpan.FromMilliseconds(400));
        await Task.WhenAny(fifth, Task.Delay(100));
        Assert.False(fifth.IsCompleted, "not yet at 0.4 s");
        time.Advance(TimeSpan.FromMilliseconds(100));
        await fifth.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
