namespace Calc.Engine.State;

/// <summary>Settings of <see cref="DeviceStateWriter"/>.</summary>
public sealed record DeviceStateWriterOptions
{
    /// <summary>How often buffered values are written.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Bound of the coalescing buffer, in distinct (asset, point) values not yet written. When it is
    /// full, <see cref="DeviceStateWriter.Observe"/> blocks until a flush has taken the buffer.
    /// </summary>
    public int MaxPendingPoints { get; init; } = 500_000;

    /// <summary>Assets whose HSETs are sent in one pipelined round before awaiting the replies.</summary>
    public int PipelineAssets { get; init; } = 4_096;

    /// <summary>
    /// An asset with no record for this long is forgotten in memory, and its hash expires in Garnet
    /// (EXPIRE, refreshed as it is written). Null: keep forever.
    /// </summary>
    public TimeSpan? IdleExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Guard every write with a Lua script that compares the stored time (safe when several processes
    /// write the same assets; about 4× slower; the server must allow Lua, Garnet: <c>--lua</c>).
    /// False: the stored times of an asset are read once when it is first written, and this process is
    /// then the only writer of that asset's hash.
    /// </summary>
    public bool UseScript { get; init; }
}
