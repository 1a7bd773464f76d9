using System.Text;
using System.Text.Json;
using Calc.Engine.State.Internal;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// The logic of <c>calc state get --job ID [--asset A] [--point P]</c> and <c>calc state delete --job ID</c>.
/// Results go to <c>output</c> (JSON), messages to <c>error</c>; methods return the process exit code
/// (0 success, 1 failure or refusal, 2 invalid arguments).
/// </summary>
public sealed class StateCommands(IDatabase database, TextWriter output, TextWriter error)
{
    /// <summary>Prints a job's checkpoint (time, positions, lease, state) as indented JSON. With an asset
    /// and/or point, prints only the matching parts of the state, plus the asset's latest values and
    /// connection status.</summary>
    public async Task<int> GetAsync(string jobId, string? assetId = null, string? pointId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            await error.WriteLineAsync("calc state get: --job is required");
            return 2;
        }

        try
        {
            return await PrintAsync(jobId, assetId, pointId, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            await error.WriteLineAsync($"calc state get: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Deletes a job's checkpoint; refuses while the job runs (its lease is held).</summary>
    public async Task<int> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(jobId))
        {
            await error.WriteLineAsync("calc state delete: --job is required");
            return 2;
        }

        try
        {
            return await DeleteCheckpointAsync(jobId, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await error.WriteLineAsync($"calc state delete: {ex.Message}");
            return 1;
        }
    }

    private async Task<int> PrintAsync(string jobId, string? assetId, string? pointId, CancellationToken cancellationToken)
    {
        var checkpoint = await new CheckpointStore(database).LoadAsync(jobId, cancellationToken);
        if (checkpoint is null)
        {
            await error.WriteLineAsync($"job {jobId} has no checkpoint");
            return 1;
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

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        return 0;
    }

    private async Task<int> DeleteCheckpointAsync(string jobId, CancellationToken cancellationToken)
    {
        // Holding the lease while deleting also stops the job from starting half-way through.
        await using var lease = await JobLease.TryAcquireAsync(database, jobId, TimeSpan.FromSeconds(30), owner: "calc state delete", cancellationToken: cancellationToken);
        if (lease is null)
        {
            var holder = await JobLease.InspectAsync(database, jobId);
            await error.WriteLineAsync($"job {jobId} is running (lease held by {holder?.Owner ?? "?"}); stop it before deleting its state");
            return 1;
        }

        var deleted = await new CheckpointStore(database).DeleteAsync(jobId, cancellationToken);
        await output.WriteLineAsync(deleted ? $"deleted the checkpoint of job {jobId}" : $"job {jobId} has no checkpoint; nothing deleted");
        return 0;
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
