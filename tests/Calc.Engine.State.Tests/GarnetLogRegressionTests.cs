using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Calc.Engine.State.Tests;

/// <summary>
/// The embedded Garnet logs through Calc's loggers with warnings and errors only: a clean start (with a
/// data directory, nothing to recover) once printed ~50 lines of Garnet's own information and a stack trace.
/// </summary>
public sealed class GarnetLogRegressionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "calc-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void ShouldLogOnlyCalcsStartLineOnACleanStart_EvenAtTrace()
    {
        var recorder = new RecordingProvider();
        using (var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(recorder)))
        using (EmbeddedGarnet.Start(new EmbeddedGarnetOptions { DataDirectory = _dir }, loggers))
        {
        }

        var garnets = recorder.Entries.Where(e => !e.Category.StartsWith("Calc.", StringComparison.Ordinal)).ToList();
        Assert.All(garnets, e => Assert.True(e.Level >= LogLevel.Warning, $"{e.Level} {e.Category}: {e.Message}"));
        Assert.Contains(recorder.Entries, e => e.Category.StartsWith("Calc.", StringComparison.Ordinal) && e.Message.StartsWith("Embedded Garnet listening", StringComparison.Ordinal));
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    private sealed class RecordingProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
