using Microsoft.Extensions.Logging;

namespace Calc.Templates.Merging;

/// <summary>The merging template's log messages.</summary>
internal static partial class MergingLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning,
        Message = "rule policies[{Policy}] ({Output}) failed on asset {Asset} at {Time}: {Error}; the record's output is skipped (skipped.ruleError), the job goes on")]
    public static partial void RuleFailed(ILogger logger, int policy, string output, string asset, string time, string error);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning,
        Message = "asset {Asset}: the reference {Relation}::… names no single asset: {Why}; its rules that read it are skipped (skipped.ambiguousReference)")]
    public static partial void AmbiguousSibling(ILogger logger, string asset, string relation, string why);
}
