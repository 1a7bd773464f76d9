namespace Calc.Engine.State;

/// <summary>How to run the in-process Garnet server.</summary>
public sealed record EmbeddedGarnetOptions
{
    /// <summary>Default seconds between background checkpoints (they let Garnet truncate its AOF).</summary>
    public const int DefaultCheckpointIntervalSeconds = 60;

    /// <summary>
    /// Directory for the append-only file and checkpoints. Null: memory only, nothing survives a
    /// restart. When set, every write is logged (AOF) and the server recovers from it on start.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Seconds between background checkpoints when persistent; 0 disables them.</summary>
    public int CheckpointIntervalSeconds { get; init; } = DefaultCheckpointIntervalSeconds;

    /// <summary>Takes a checkpoint on dispose, so that the next start replays little AOF.</summary>
    public bool CheckpointOnDispose { get; init; } = true;

    /// <summary>Size of Garnet's hash index (<c>--index</c>); it is also written with every checkpoint.</summary>
    public string IndexSize { get; init; } = "32m";

    /// <summary>Further Garnet command-line arguments (see <c>GarnetServer --help</c>), appended last.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
