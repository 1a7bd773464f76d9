using System.Text;
using System.Text.Json;
using Calc.Engine.State.Internal;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// Reads and deletes a job's checkpoint for people (<c>calc state get|delete</c>): a description of
/// the checkpoint as JSON, filtered to an asset and point when asked; deletion that refuses while
/// the job runs. Connection failures surface as <see cref="RedisException"/> or <see cref="TimeoutException"/>.
/// </summary>
/// <param name="database">The state store holding the checkpoints.</param>
public sealed class StateInspector(IDatabase database)
{
    /// <summary>The job's checkpoint (time, positions, lease, state) as indented JSON, or null when the
    /// job has none. With an asset and/or point, only the matching parts of the state (<c>matches</c>,
    /// each with its JSON path), plus the asset's latest values and connection status.</summary>
    public async Task<string?> DescribeAsync(string jobId, string? assetId = null, string? pointId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var checkpoint = await new CheckpointStore(database).LoadAsync(jobId, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }

        var lease = await JobLease.InspectAsync(database, jobId);
        using var state = JsonDocument.Parse(checkpoint.State);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("job", jobId);
            writer.WriteString("orgId", checkpoint.OrgId);
            writer.WriteNumber("time", checkpoint.TimeMs);
            writer.WriteString("savedAt", DateTimeOffset.FromUnixTimeMilliseconds(checkpoint.TimeMs).ToString("O"));
            writer.WriteBoolean("running", lease is not null);
            if (lease is { } held)
            {
                writer.WriteString("leaseOwner", held.Owner);
            }

            writer.WritePropertyName("positions");
            writer.WriteRawValue(CheckpointStore.SerializePositions(checkpoint.Positions));
            writer.WriteNumber("stateBytes", checkpoint.State.Length);
            if (assetId is null && pointId is null)
            {
                writer.WritePropertyName("state");
                state.RootElement.WriteTo(writer);
            }
            else
            {
                WriteMatches(writer, StateJsonFilter.Find(state.RootElement, assetId, pointId));
                if (assetId is not null && checkpoint.OrgId is { } org)
                {
                    await WriteAssetStateAsync(writer, org, assetId, pointId);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Deletes the job's checkpoint unless the job runs (its lease is held by someone else).</summary>
    public async Task<CheckpointDeletion> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);

        // Holding the lease while deleting also stops the job from starting half-way through.
        await using var lease = await JobLease.TryAcquireAsync(database, jobId, TimeSpan.FromSeconds(30), owner: "calc state delete", cancellationToken: cancellationToken);
        if (lease is null)
        {
            var holder = await JobLease.InspectAsync(database, jobId);
            return new CheckpointDeletion(false, holder?.Owner ?? "?");
        }

        var deleted = await new CheckpointStore(database).DeleteAsync(jobId, cancellationToken);
        return new CheckpointDeletion(deleted, null);
    }

    private static void WriteMatches(Utf8JsonWriter writer, List<(string Path, JsonElement Value)> matches)
    {
        writer.WriteStartArray("matches");
        foreach (var (path, value) in matches)
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WritePropertyName("value");
            value.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private async Task WriteAssetStateAsync(Utf8JsonWriter writer, string orgId, string assetId, string? pointId)
    {
        var latestKey = StateKeys.Latest(orgId, assetId);
        var latest = pointId is null
            ? await database.HashGetAllAsync(latestKey)
            : [new HashEntry(pointId, await database.HashGetAsync(latestKey, pointId))];
        writer.WriteStartObject("latest");
        foreach (var entry in latest.Where(e => !e.Value.IsNull).OrderBy(e => e.Name.ToString(), StringComparer.Ordinal))
        {
            writer.WritePropertyName(entry.Name.ToString());
            writer.WriteRawValue((byte[])entry.Value!);
        }

        writer.WriteEndObject();
        var connection = await database.HashGetAllAsync(StateKeys.Connection(orgId, assetId));
        if (connection.Length > 0)
        {
            writer.WriteStartObject("connection");
            foreach (var entry in connection.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal))
            {
                writer.WriteString(entry.Name.ToString(), entry.Value.ToString());
            }

            writer.WriteEndObject();
        }
    }
}
