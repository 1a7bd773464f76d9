namespace Calc.Engine.Jobs;

/// <summary><c>outputs</c>: where results go besides the command's own output.</summary>
public sealed record OutputsDefinition
{
    public string? KafkaTopic { get; init; }

    /// <summary>Write outputs back to the internal input topic too, so that jobs chain.</summary>
    public bool KafkaInternal { get; init; } = true;

    public bool Tsdb { get; init; }

    /// <summary>Points written to the TSDB (storage policy): <c>model::point</c> patterns with <c>*</c>; empty = all.</summary>
    public IReadOnlyList<string> TsdbPoints { get; init; } = [];

    public bool State { get; init; }
}
