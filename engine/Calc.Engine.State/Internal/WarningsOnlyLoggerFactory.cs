using Microsoft.Extensions.Logging;

namespace Calc.Engine.State.Internal;

/// <summary>
/// Hands the embedded Garnet server Calc's loggers with warnings and errors only: its own start-up
/// information (banner, recovery notes, and a stack trace it logs on a clean start when there is no
/// checkpoint to recover) is not Calc's to print, whatever <c>CALC_LOG_LEVEL</c> says.
/// </summary>
internal sealed class WarningsOnlyLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new WarningsOnlyLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory belongs to the caller.
    public void Dispose()
    {
    }

    private sealed class WarningsOnlyLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
