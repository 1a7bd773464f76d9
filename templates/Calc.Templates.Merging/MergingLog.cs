using Microsoft.Extensions.Logging;

namespace Calc.Templates.Merging;

/// <summary>The merging template's log messages.</summary>
internal static partial class MergingLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning,
        Message = "rule policies[{Policy}] ({Output}) failed on asset {Asset} at {Time}: {Error}; the record's output is skipped (skipped.ruleError), the job goes on")]
    public static partial void RuleFailed(ILogger logger, int policy, string output, string asset, string time, string error);
}
