using System.Text.RegularExpressions;
using Calc.Host.Commands;
using Confluent.Kafka;

namespace Calc.Host.Tests;

public sealed class BrokerCommandTests
{
    [Fact]
    public async Task ShouldRunBrokerUntilCancelled_WithItsTopicsAndAPortFileWrittenBeforeTheAddressIsPrinted()
    {
        var portFile = Path.Combine(CliRunner.TempDir(), "broker.port");
        using var cts = new CancellationTokenSource();
        var output = new LineSignalWriter();

        var run = BrokerCli.ServeAsync(portFile, [("calc-big", 12)], new ConsoleIo(TextReader.Null, output, TextWriter.Null), cts.Token);
        var printed = (await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(60))).Trim();

        Assert.Matches(new Regex(@"^127\.0\.0\.1:\d+$"), printed);
        Assert.Equal(printed, (await File.ReadAllTextAsync(portFile)).Trim());
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = printed }).Build())
        {
            Assert.Equal(12, admin.GetMetadata("calc-big", TimeSpan.FromSeconds(30)).Topics.Single().Partitions.Count);
        }

        await cts.CancelAsync();

        Assert.Equal(0, await run);
        Assert.False(File.Exists(portFile));
    }

    [Fact]
    public void ShouldParseTopicsWithPartitionCounts_AndListEveryBadOne()
    {
        var errors = new List<string>();

        var topics = BrokerCli.ParseTopics("points:48, calc-results ,x:0,:3,y:abc", errors);

        Assert.Equal([("points", 48), ("calc-results", 4)], topics);
        Assert.Equal(3, errors.Count);
        Assert.Contains("'x:0'", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseBadTopicsWithTheUsage()
    {
        var (exit, _, error) = CliRunner.Run("broker", "--topics", "x:0");

        Assert.Equal(2, exit);
        Assert.Contains("calc broker: --topics: 'x:0' is not NAME or NAME:PARTITIONS", error, StringComparison.Ordinal);
        Assert.Contains("usage: calc broker", error, StringComparison.Ordinal);
    }

    /// <summary>Completes <see cref="FirstLine"/> with the first line written, so the test waits on the event, not a timer.</summary>
    private sealed class LineSignalWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _line.Task;

        public override Task WriteLineAsync(string? value)
        {
            _line.TrySetResult(value ?? "");
            return base.WriteLineAsync(value);
        }
    }
}
