using System.Text.Json;

namespace Calc.Engine.Runtime;

/// <summary>
/// Checkpoints as files in a directory (one per job, topic and partition, replaced atomically by rename),
/// the default when no state server is configured. Workers on one machine can share it; workers on
/// several machines need a shared store such as Garnet. File names are <c>JOB@TOPIC.pN.json</c> with the job id
/// escaped (letters, digits, <c>-</c> and <c>.</c> kept, every other UTF-8 byte as <c>_XX</c>), so two job ids
/// never share a file ("wind job" is <c>wind_20job</c>, "wind_job" is <c>wind_5Fjob</c>); Kafka topic names need
/// no escaping and hold no <c>@</c>.
/// </summary>
public sealed class FileCheckpointStore : IPartitionCheckpointStore
{
    private readonly string _directory;
    private readonly string? _topic;

    public FileCheckpointStore(string directory, string? topic = null)
    {
        _directory = directory;
        _topic = topic;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The escaped job id that starts the names of the job's files.</summary>
    public static string FilePrefix(string jobId)
    {
        var text = new System.Text.StringBuilder(jobId.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(jobId))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('_').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>The file of a partition's checkpoint.</summary>
    public string PathOf(string jobId, int partition) =>
        Path.Combine(_directory, _topic is null ? $"{FilePrefix(jobId)}.p{partition}.json" : $"{FilePrefix(jobId)}@{_topic}.p{partition}.json");

    /// <summary>The state of a lane that holds nothing: no asset, no step state.</summary>
    public const string EmptyState = """{"watermarks":{},"outputOnly":[],"steps":[]}""";

    /// <inheritdoc />
    public bool IsLocal => true;

    /// <inheritdoc />
    public string ResetHint(string jobId, int partition) =>
        $"delete {PathOf(jobId, partition)}, then run once with --accept-empty-state: the partition starts from the group's committed offset with empty state "
        + "(or give a new --group to rebuild the state from the start of the topic)";

    /// <inheritdoc />
    public string Location(string jobId, int partition) => PathOf(jobId, partition);

    /// <summary>
    /// Replaces the operator state of a checkpoint file by an empty one, keeping its offset and origin: the job resumes
    /// where it was with fresh state (a job whose steps changed), which a deleted file would not allow once the group
    /// has committed offsets.
    /// </summary>
    public static void ClearState(string path)
    {
        if (Read(path) is { } checkpoint)
        {
            Write(path, checkpoint with { StateJson = EmptyState });
        }
    }

    public PartitionCheckpoint? Load(string jobId, int partition) => Read(PathOf(jobId, partition));

    public void Save(string jobId, int partition, PartitionCheckpoint checkpoint) => Write(PathOf(jobId, partition), checkpoint);

    private static PartitionCheckpoint? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        CheckpointOrigin? origin = null;
        if (root.TryGetProperty("topic", out var topic))
        {
            origin = new CheckpointOrigin(
                root.TryGetProperty("clusterId", out var cluster) && cluster.ValueKind == JsonValueKind.String ? cluster.GetString() : null,
                topic.GetString()!,
                root.GetProperty("partitions").GetInt32());
        }

        return new PartitionCheckpoint(root.GetProperty("nextOffset").GetInt64(), root.GetProperty("state").GetRawText(), root.GetProperty("savedAt").GetInt64(), origin);
    }

    private static void Write(string path, PartitionCheckpoint checkpoint)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("nextOffset", checkpoint.NextOffset);
            writer.WriteNumber("savedAt", checkpoint.SavedAtMs);
            if (checkpoint.Origin is { } origin)
            {
                writer.WriteString("clusterId", origin.ClusterId);
                writer.WriteString("topic", origin.Topic);
                writer.WriteNumber("partitions", origin.Partitions);
            }

            writer.WritePropertyName("state");
            writer.WriteRawValue(checkpoint.StateJson);
            writer.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }
}
