using Calc.Sdk;

namespace Calc.Templates.Groups;

internal sealed class GroupDefinition(GroupSettings settings, IReadOnlyList<GroupPolicy> policies) : IOperatorDefinition
{
    public IReadOnlyList<PointRef> Inputs { get; } = [.. policies.Select(p => p.Input)];

    public IReadOnlyList<PointRef> Outputs { get; } = [.. policies.Select(p => p.Output)];

    public long AllowedLatencyMs => settings.LatencyMs;

    /// <summary>An output's time is its window's start: the members' records of that window.</summary>
    public SourceRange? SourceOf(PointRef output, long time)
    {
        var scheme = GroupOperator.SchemeOf(settings);
        var starts = new long[scheme.MaxWindowsPerInstant];
        var ends = new long[scheme.MaxWindowsPerInstant];
        var n = scheme.Locate(time, starts, ends);
        for (var i = 0; i < n; i++)
        {
            if (starts[i] == time)
            {
                return new SourceRange(time, ends[i] - 1);
            }
        }

        return null;
    }

    /// <summary>The group a record's asset belongs to (its parent, or its attribute): re-keyed by it across Kafka partitions.</summary>
    public string? GroupKeyOf(in PointRecord record, IAssetDirectory assets) => GroupOperator.KeyOf(settings, assets, in record);

    public IOperator CreateInstance() => new GroupOperator(settings, policies);
}
