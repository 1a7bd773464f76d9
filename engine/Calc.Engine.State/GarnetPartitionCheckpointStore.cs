using System.Globalization;
using Calc.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Calc.Engine.State;

/// <summary>
/// The streaming runner's checkpoints (<see cref="IPartitionCheckpointStore"/>) kept in Garnet through
/// <see cref="CheckpointStore.SavePartition"/>: one field per partition of <c>calc:checkpoint:{jobId}</c>,
/// holding the lane's state and the offset it reflects in one value (one HSET, atomic). The runner saves
/// at each barrier before it commits the offsets. While the store is unreachable a save or load is
/// retried (<see cref="StateRetry"/>): the barrier waits, nothing is committed, no record is lost.
/// </summary>
public sealed class GarnetPartitionCheckpointStore(IDatabase database, string topic, string? orgId = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    : IPartitionCheckpointStore
{
    private readonly CheckpointStore _store = new(database);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>True for an embedded Garnet (in this process, reachable from this machine only); false for a shared Garnet/Redis.</summary>
    public bool IsLocal { get; init; }

    /// <inheritdoc />
    public string Location(string jobId, int partition) => $"the state store (hash {StateKeys.Checkpoint(jobId)}, field {Source(partition)})";

    /// <summary>Partition checkpoints saved so far.</summary>
    public long Saved { get; private set; }

    /// <inheritdoc />
    public PartitionCheckpoint? Load(string jobId, int partition)
    {
        var found = StateRetry.Run(() => _store.LoadPartition(jobId, Source(partition)), "loading the checkpoint of " + jobId, _logger, cancellationToken);
        return found is { } c ? new PartitionCheckpoint(c.NextOffset, c.StateJson, c.SavedAtMs) : null;
    }

    /// <inheritdoc />
    public void Save(string jobId, int partition, PartitionCheckpoint checkpoint)
    {
        StateRetry.Run(() => _store.SavePartition(jobId, Source(partition), checkpoint.NextOffset, checkpoint.StateJson, orgId), "saving the checkpoint of " + jobId, _logger, cancellationToken);
        Saved++;
    }

    private string Source(int partition) => string.Create(CultureInfo.InvariantCulture, $"{topic}/{partition}");
}
