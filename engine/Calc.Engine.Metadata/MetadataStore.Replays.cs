using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Keeps a replay asked of a job (one per job: a new one replaces a pending one).</summary>
    public void SetJobReplay(JobReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        _connection.Execute(
            """
            INSERT INTO job_replays (job_id, version, from_ms, to_ms, requested_at, requested_by) VALUES ($id, $version, $from, $to, $at, $by)
            ON CONFLICT (job_id) DO UPDATE SET version = excluded.version, from_ms = excluded.from_ms, to_ms = excluded.to_ms,
                requested_at = excluded.requested_at, requested_by = excluded.requested_by
            """,
            new { id = replay.JobId, version = replay.Version, from = replay.FromMs, to = replay.ToMs, at = replay.RequestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), by = replay.RequestedBy });
    }

    /// <summary>The replay a job still has to start (or whose first checkpoint has not been taken), or null.</summary>
    public JobReplay? JobReplay(string id) =>
        _connection.Query<(string Id, long Version, long From, long? To, string At, string By)>(
            "SELECT job_id, version, from_ms, to_ms, requested_at, requested_by FROM job_replays WHERE job_id = $id", new { id })
            .Select(r => new JobReplay(r.Id, (int)r.Version, r.From, r.To, ParseTime(r.At), r.By)).FirstOrDefault();

    /// <summary>Forgets a job's replay once its first checkpoint is committed, if it is still <paramref name="asked"/> (not a newer one).</summary>
    public void ClearJobReplay(JobReplay asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        _connection.Execute(
            "DELETE FROM job_replays WHERE job_id = $id AND from_ms = $from AND requested_at = $at",
            new { id = asked.JobId, from = asked.FromMs, at = asked.RequestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
