using Calc.Engine.Runtime;
using System.Buffers;
using System.Text.Json;
using Calc.Engine.State.Internal;
using Calc.Sdk;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Saves, loads and deletes job checkpoints in hash <c>calc:checkpoint:{jobId}</c> (fields <c>state</c>,
/// <c>positions</c>, <c>time</c>, <c>orgId</c>). A save is one HSET of all fields, so a reader sees
/// either the previous checkpoint or the new one, never a mix. Thread-safe.
/// </summary>
public sealed partial class CheckpointStore(IDatabase database, IClock? clock = null)
{
    private readonly IClock _clock = clock ?? SystemClock.Instance;

    /// <summary>Replaces the job's checkpoint.</summary>
    /// <exception cref="JsonException">The state is not one JSON value.</exception>
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ValidateJson(checkpoint.State.Span);
        cancellationToken.ThrowIfCancellationRequested();
        var time = checkpoint.TimeMs != 0 ? checkpoint.TimeMs : _clock.NowMs;
        await database.HashSetAsync(StateKeys.Checkpoint(checkpoint.JobId), [
            new HashEntry("state", checkpoint.State),
            new HashEntry("positions", SerializePositions(checkpoint.Positions)),
            new HashEntry("time", time),
            new HashEntry("orgId", checkpoint.OrgId ?? string.Empty),
        ]);
    }

    /// <summary>The job's checkpoint, or null when it has none.</summary>
    public async Task<Checkpoint?> LoadAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await database.HashGetAsync(StateKeys.Checkpoint(jobId), ["state", "positions", "time", "orgId"]);
        if (values[0].IsNull)
        {
            // A streaming job checkpoints per partition (SavePartition).
            return await LoadPartitionsAsync(jobId);
        }

        var org = values[3].ToString();
        return new Checkpoint(jobId, (byte[])values[0]!, ParsePositions((byte[])values[1]!))
        {
            TimeMs = (long)values[2],
            OrgId = org.Length == 0 ? null : org,
        };
    }

    /// <summary>Deletes the job's checkpoint; false when there was none.</summary>
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return database.KeyDeleteAsync(StateKeys.Checkpoint(jobId));
    }

    internal static byte[] SerializePositions(IReadOnlyDictionary<string, long> positions)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (source, position) in positions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(source, position);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static Dictionary<string, long> ParsePositions(byte[]? json)
    {
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        if (json is null || json.Length == 0)
        {
            return positions;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            positions[property.Name] = property.Value.GetInt64();
        }

        return positions;
    }

    private static void ValidateJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("checkpoint state is empty");
        }

        reader.Skip();
        if (reader.Read())
        {
            throw new JsonException("checkpoint state must be a single JSON value");
        }
    }
}
