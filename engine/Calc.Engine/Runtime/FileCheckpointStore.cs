using System.Text.Json;

namespace Calc.Engine.Runtime;

/// <summary>
/// Checkpoints as files in a directory (one per job and partition, replaced atomically by rename),
/// the default when no state server is configured. Workers on one machine can share it; workers on
/// several machines need a shared store such as Garnet.
/// </summary>
public sealed class FileCheckpointStore : IPartitionCheckpointStore
{
    private readonly string _directory;

    public FileCheckpointStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public PartitionCheckpoint? Load(string jobId, int partition)
    {
        var path = PathOf(jobId, partition);
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        return new PartitionCheckpoint(root.GetProperty("nextOffset").GetInt64(), root.GetProperty("state").GetRawText(), root.GetProperty("savedAt").GetInt64());
    }

    public void Save(string jobId, int partition, PartitionCheckpoint checkpoint)
    {
        var path = PathOf(jobId, partition);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("nextOffset", checkpoint.NextOffset);
            writer.WriteNumber("savedAt", checkpoint.SavedAtMs);
            writer.WritePropertyName("state");
            writer.WriteRawValue(checkpoint.StateJson);
            writer.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string jobId, int partition)
    {
        var safe = string.Concat(jobId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(_directory, $"{safe}.p{partition}.json");
    }
}
