using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// Saves a job document: a new version when it differs (ignoring formatting) from the latest one,
    /// with the templates and operators it uses; otherwise nothing. Returns the latest version and
    /// whether this save made it.
    /// </summary>
    public (int Version, bool Changed) SaveJob(string id, string json, IEnumerable<string> operators)
    {
        var latest = LatestJob(id);
        if (latest is not null && Canonical(latest.Json) == Canonical(json))
        {
            return (latest.Version, false);
        }

        var version = (latest?.Version ?? 0) + 1;
        using var transaction = _connection.BeginTransaction();
        _connection.Execute(
            "INSERT INTO jobs (id, version, json, created_at) VALUES ($id, $version, $json, $at)",
            new { id, version, json, at = Now() },
            transaction);
        _connection.Execute("DELETE FROM job_operators WHERE job_id = $id", new { id }, transaction);
        foreach (var op in operators.Distinct(StringComparer.Ordinal))
        {
            _connection.Execute("INSERT INTO job_operators (job_id, operator_id) VALUES ($id, $op)", new { id, op }, transaction);
        }

        transaction.Commit();
        return (version, true);
    }

    /// <summary>The latest version of every job, by id.</summary>
    public IReadOnlyList<JobVersion> Jobs() =>
        [.. _connection.Query<(string Id, long Version, string Json, string At)>(
            """
            SELECT id, version, json, created_at FROM jobs j
            WHERE version = (SELECT MAX(version) FROM jobs WHERE id = j.id) ORDER BY id
            """).Select(ToJob)];

    /// <summary>A job's latest version, or the one asked for; null when there is none.</summary>
    public JobVersion? Job(string id, int? version = null) =>
        version is null
            ? LatestJob(id)
            : _connection.Query<(string Id, long Version, string Json, string At)>(
                "SELECT id, version, json, created_at FROM jobs WHERE id = $id AND version = $version", new { id, version })
                .Select(ToJob).FirstOrDefault();

    /// <summary>Deletes every version of a job; true when it existed.</summary>
    public bool DeleteJob(string id)
    {
        using var transaction = _connection.BeginTransaction();
        var removed = _connection.Execute("DELETE FROM jobs WHERE id = $id", new { id }, transaction);
        _connection.Execute("DELETE FROM job_operators WHERE job_id = $id", new { id }, transaction);
        _connection.Execute("DELETE FROM job_stops WHERE job_id = $id", new { id }, transaction);
        _connection.Execute("DELETE FROM job_version_authors WHERE job_id = $id", new { id }, transaction);
        _connection.Execute("DELETE FROM job_replays WHERE job_id = $id", new { id }, transaction);
        transaction.Commit();
        return removed > 0;
    }

    /// <summary>Marks a job as stopped by an admin (it stays stopped when <c>calc serve</c> restarts), or clears the mark.</summary>
    public void SetJobStopped(string id, bool stopped) =>
        _connection.Execute(
            stopped
                ? "INSERT INTO job_stops (job_id, stopped_at) VALUES ($id, $at) ON CONFLICT (job_id) DO UPDATE SET stopped_at = excluded.stopped_at"
                : "DELETE FROM job_stops WHERE job_id = $id",
            new { id, at = Now() });

    /// <summary>The jobs an admin stopped (see <see cref="SetJobStopped"/>).</summary>
    public IReadOnlySet<string> StoppedJobs() =>
        _connection.Query<string>("SELECT job_id FROM job_stops").ToHashSet(StringComparer.Ordinal);

    /// <summary>The stored jobs (latest versions) that use any of <paramref name="operators"/>, with the ones each uses.</summary>
    public IReadOnlyList<(string JobId, string OperatorId)> JobsUsing(IReadOnlyCollection<string> operators)
    {
        if (operators.Count == 0)
        {
            return [];
        }

        return [.. _connection.Query<(string, string)>(
            "SELECT job_id, operator_id FROM job_operators WHERE operator_id IN @operators ORDER BY job_id, operator_id",
            new { operators })];
    }

    /// <summary>The templates and operators the latest version of a job uses.</summary>
    public IReadOnlyList<string> JobOperators(string id) =>
        [.. _connection.Query<string>("SELECT operator_id FROM job_operators WHERE job_id = $id ORDER BY operator_id", new { id })];

    private JobVersion? LatestJob(string id) =>
        _connection.Query<(string Id, long Version, string Json, string At)>(
            "SELECT id, version, json, created_at FROM jobs WHERE id = $id ORDER BY version DESC LIMIT 1", new { id })
            .Select(ToJob).FirstOrDefault();

    private static JobVersion ToJob((string Id, long Version, string Json, string At) row) =>
        new(row.Id, (int)row.Version, row.Json, ParseTime(row.At));

    private static string Canonical(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString() ?? "";
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
