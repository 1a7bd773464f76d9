using Microsoft.Extensions.Logging;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>The TSDB writer's log messages, with stable event ids (7100–7199).</summary>
internal static partial class TsdbLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "TSDB write failed (attempt {Attempt}, batch of {Records} records); retrying in {Delay}: {Error}")]
    public static partial void WriteFailed(ILogger logger, int attempt, int records, TimeSpan delay, string error);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information,
        Message = "TSDB write succeeded again after {Attempts} failed attempts over {Outage}; catching up")]
    public static partial void Recovered(ILogger logger, int attempts, TimeSpan outage);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error,
        Message = "TSDB refused the write (attempt {Attempt}); it will keep failing until the database or the configuration changes; retrying in {Delay}: {Error}")]
    public static partial void WriteRefused(ILogger logger, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning,
        Message = "TSDB accepted a write but dropped {Dropped} lines: {Message}")]
    public static partial void PartialWrite(ILogger logger, long dropped, string message);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information,
        Message = "TSDB retention removed {Deleted} points older than {Cutoff:o}")]
    public static partial void RetentionRan(ILogger logger, long deleted, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Warning, Message = "TSDB retention failed: {Error}")]
    public static partial void RetentionFailed(ILogger logger, string error);
}
