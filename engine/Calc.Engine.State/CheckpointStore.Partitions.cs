using System.Buffers;
using System.Text.Json;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Per-partition checkpoints of a streaming job, kept in the same hash <c>calc:checkpoint:{jobId}</c>:
/// field <c>partition:{source}</c> (e.g. <c>partition:points/3</c>) holds one JSON value
/// <c>{"nextOffset":N,"savedAt":T,"state":{…}}</c>, so a partition's state and the offset it reflects are
/// written by one HSET and can never be seen apart. Workers of one job (a consumer group) each write
/// their own partitions' fields; <see cref="LoadAsync"/> shows them together.
/// </summary>
public sealed partial class CheckpointStore
{
    /// <summary>Prefix of the per-partition fields.</summary>
    public const string PartitionFieldPrefix = "partition:";

    /// <summary>Saves one partition's state with the next offset to read, atomically (one HSET).</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="source">The partition, <c>TOPIC/PARTITION</c>.</param>
    /// <param name="nextOffset">Where to resume.</param>
    /// <param name="stateJson">The lane's state, one JSON value.</param>
    /// <param name="orgId">The job's org (for inspection), or null.</param>
    public void SavePartition(string jobId, string source, long nextOffset, string stateJson, string? orgId = null)
    {
        var now = _clock.NowMs;
        database.HashSet(StateKeys.Checkpoint(jobId), [
            new HashEntry(PartitionFieldPrefix + source, PartitionValue(nextOffset, now, stateJson)),
            new HashEntry("time", now),
            new HashEntry("orgId", orgId ?? string.Empty),
        ]);
    }

    /// <summary>One partition's checkpoint: the next offset, the state JSON and when it was saved; null when there is none.</summary>
    public (long NextOffset, string StateJson, long SavedAtMs)? LoadPartition(string jobId, string source)
    {
        var value = database.HashGet(StateKeys.Checkpoint(jobId), PartitionFieldPrefix + source);
        if (value.IsNull)
        {
            return null;
        }

        using var doc = JsonDocument.Parse((byte[])value!);
        var root = doc.RootElement;
        return (root.GetProperty("nextOffset").GetInt64(), root.GetProperty("state").GetRawText(), root.GetProperty("savedAt").GetInt64());
    }

    private static byte[] PartitionValue(long nextOffset, long savedAt, string stateJson)
    {
        var buffer = new ArrayBufferWriter<byte>(stateJson.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("nextOffset", nextOffset);
            writer.WriteNumber("savedAt", savedAt);
            writer.WritePropertyName("state");
            writer.WriteRawValue(stateJson);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A job saved per partition, seen as one checkpoint: state <c>{"partitions":{"points/0":{…},…}}</c>, positions per partition.</summary>
    private async Task<Checkpoint?> LoadPartitionsAsync(string jobId)
    {
        var entries = await database.HashGetAllAsync(StateKeys.Checkpoint(jobId));
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(4096);
        long time = 0;
        string? org = null;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("partitions");
            foreach (var entry in entries.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal))
            {
                var name = entry.Name.ToString();
                if (name == "time")
                {
                    time = (long)entry.Value;
                }
                else if (name == "orgId")
                {
                    org = entry.Value.ToString();
                }
                else if (name.StartsWith(PartitionFieldPrefix, StringComparison.Ordinal))
                {
                    using var doc = JsonDocument.Parse((byte[])entry.Value!);
                    var source = name[PartitionFieldPrefix.Length..];
                    positions[source] = doc.RootElement.GetProperty("nextOffset").GetInt64();
                    writer.WritePropertyName(source);
                    doc.RootElement.GetProperty("state").WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return positions.Count == 0
            ? null
            : new Checkpoint(jobId, buffer.WrittenMemory, positions) { TimeMs = time, OrgId = string.IsNullOrEmpty(org) ? null : org };
    }
}
