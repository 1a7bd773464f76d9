using System.Buffers;
using System.Text.Json;

namespace Calc.Engine.State;

/// <summary>
/// A job's operator state together with the source positions it reflects, saved and loaded as one unit.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="State">Operator state, one UTF-8 JSON value (written through <see cref="Calc.Sdk.ICheckpointable"/>).</param>
/// <param name="Positions">
/// Where to resume each source, e.g. Kafka <c>"points/0"</c> → next offset, or <c>"file:/data/in.ndjson"</c> → next line.
/// </param>
public sealed record Checkpoint(string JobId, ReadOnlyMemory<byte> State, IReadOnlyDictionary<string, long> Positions)
{
    /// <summary>The job's org, so that inspection can find the assets' latest values; optional.</summary>
    public string? OrgId { get; init; }

    /// <summary>When it was taken (epoch ms); 0 on save means now.</summary>
    public long TimeMs { get; init; }

    /// <summary>Serialises a state with a JSON writer (e.g. calling each operator's <c>WriteCheckpoint</c>).</summary>
    public static ReadOnlyMemory<byte> WriteState(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }
}
