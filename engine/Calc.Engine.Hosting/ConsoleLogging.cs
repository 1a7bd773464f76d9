using Microsoft.Extensions.Logging;

namespace Calc.Engine.Hosting;

/// <summary>Logs to stderr, one line each (stdout may carry output records).</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(HostSettings.IsSet("logLevel") ? HostSettings.Current.LogLevel : minimum)
        .AddFilter("Calc.Engine.Kafka", LogLevel.Information)
        .AddFilter("ArgParser", LogLevel.Error) // Garnet notes that it got our logger factory, at warning level
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
