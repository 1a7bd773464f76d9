using Calc.Engine.Hosting.Serve.Isolation;
using System.Collections.Concurrent;
using Calc.Engine.Jobs;
using Calc.Engine.Metadata;
using Calc.Sdk;

namespace Calc.Engine.Hosting.Serve;

/// <summary>
/// The jobs of <c>calc serve</c>: every stored job (latest version), those with a Kafka source running
/// unless an admin stopped them (<c>POST /jobs/{id}/stop</c> is stored and outlives a restart).
/// Changes (PUT, DELETE, start, stop, restart) of one job are made one at a time; changes of different
/// jobs do not wait for each other, so a job whose stop takes its whole stop timeout (a stuck lane being
/// abandoned) holds up only its own changes. A restart stops the running version first (it drains and
/// commits), so the next one resumes from the committed offsets.
/// </summary>
internal sealed class JobSupervisor(ServeContext context)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _control = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServedJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServedJob, bool> _deleted = new();

    public IReadOnlyList<JobStatus> Statuses() => [.. _jobs.Values.Select(j => j.Status()).OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Every job's <see cref="ServedJob.Sample"/>, for the metrics and the readiness check.</summary>
    public List<JobSample> Samples()
    {
        var samples = new List<JobSample>(_jobs.Count);
        foreach (var (_, job) in _jobs)
        {
            samples.Add(job.Sample());
        }

        return samples;
    }

    public JobStatus? Status(string id) => _jobs.TryGetValue(id, out var job) ? job.Status() : null;

    /// <summary>The live-trace tap of a running (or paused) job, or null when it does not run.</summary>
    public Calc.Engine.Tracing.TraceTap? TapOf(string id) => _jobs.TryGetValue(id, out var job) && job.IsActive ? job.Tap : null;

    /// <summary>Deleted jobs whose abandoned lanes still run on their threads (readiness keeps reporting them until they end).</summary>
    public IReadOnlyList<JobStatus> DeletedWithAbandonedLanes()
    {
        var statuses = new List<JobStatus>();
        foreach (var job in _deleted.Keys)
        {
            var status = job.Status();
            if (status.Abandoned.Count == 0)
            {
                _deleted.TryRemove(job, out _);
            }
            else
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>Loads every stored job and starts those with a Kafka source, except the ones an admin stopped.</summary>
    public void StartAll()
    {
        var stopped = context.Store.Use(s => s.StoppedJobs());
        foreach (var version in context.Store.Use(s => s.Jobs()))
        {
            var job = _jobs.GetOrAdd(version.Id, _ => new ServedJob(version, context));
            if (job.Topic is not null && !stopped.Contains(version.Id))
            {
                job.Start();
            }
        }
    }

    /// <summary>Why a served replay of a job in a worker process is refused, and what to do instead.</summary>
    public const string IsolatedReplay =
        "the job runs in a worker process (--isolation), where a served replay is not built yet: stop the job and run 'calc replay JOB.json --from TIME' on the host, or serve it with --isolation none";

    /// <summary>True when the job would run in a worker process (the same rule as its start).</summary>
    private bool RunsIsolated(Calc.Engine.Runtime.CompiledJob compiled) => context.Options.Isolation switch
    {
        JobIsolation.All => true,
        JobIsolation.Untrusted => context.Compiler.IsUntrusted(compiled),
        _ => false,
    };

    /// <summary>Validates a job as <see cref="PutAsync"/> does, without storing or starting it: its problems (none when valid).</summary>
    public IReadOnlyList<Problem> Check(string id, string json)
    {
        var problems = new ProblemList();
        context.Compiler.Validate(json, id, problems);
        return problems.Items;
    }

    /// <summary>
    /// Validates and stores a job; a new one is started, a changed one restarted on its new version (when it was running).
    /// With <paramref name="recompute"/> (<c>?recomputeFrom</c>) the version starts with that replay (<see cref="ReplayAsync"/>), also
    /// when the document did not change; a job an admin stopped keeps the replay stored for its next start.
    /// </summary>
    public async Task<PutOutcome> PutAsync(string id, string json, JobReplay? recompute = null)
    {
        var problems = new ProblemList();
        var compiled = context.Compiler.Validate(json, id, problems);
        if (compiled is null)
        {
            return new PutOutcome(problems.Items);
        }

        if (recompute is not null && RunsIsolated(compiled))
        {
            problems.Add("recomputeFrom", IsolatedReplay);
            return new PutOutcome(problems.Items);
        }

        var control = ControlOf(id);
        await control.WaitAsync();
        try
        {
            var (number, changed) = context.Store.Use(s => s.SaveJob(id, json, JobOperators.Of(compiled)));
            var stored = context.Store.Use(s => s.Job(id))!;
            var replay = recompute is null ? null : recompute with { JobId = id, Version = number };
            if (!_jobs.TryGetValue(id, out var job))
            {
                job = _jobs[id] = new ServedJob(stored, context);
                if (replay is not null)
                {
                    context.Store.Use(s => s.SetJobReplay(replay));
                }

                StartIfSourced(job, stored);
                return new PutOutcome([], number, Created: true, Changed: changed) { RestartMs = RestartOf(compiled.Definition, replay) };
            }

            if (!changed && replay is null)
            {
                return new PutOutcome([], number);
            }

            var wasActive = job.IsActive;
            await job.StopAsync();
            if (replay is not null)
            {
                // Stored once the old run has stopped, so that nothing of it can take the new request for its own.
                context.Store.Use(s => s.SetJobReplay(replay));
            }

            await Replace(job, stored, start: wasActive);
            return new PutOutcome([], number, Changed: changed, Restarted: wasActive) { RestartMs = RestartOf(compiled.Definition, replay) };
        }
        finally
        {
            control.Release();
        }
    }

    /// <summary>Stops a job (it drains and commits) and deletes every stored version; false when unknown.</summary>
    public async Task<bool> DeleteAsync(string id) => await Control(id, async () =>
    {
        var known = _jobs.TryRemove(id, out var job);
        if (job is not null)
        {
            await job.StopAsync();
            if (job.Status().Abandoned.Count > 0)
            {
                _deleted[job] = true;
            }
        }

        context.Metrics?.Forget(id);

        return context.Store.Use(s => s.DeleteJob(id)) || known;
    });

    public async Task<ControlOutcome> StopAsync(string id) => await Control(id, async () =>
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return ControlOutcome.NotFound;
        }

        if (!job.IsActive)
        {
            return ControlOutcome.NotRunning;
        }

        await job.StopAsync();
        context.Store.Use(s => s.SetJobStopped(id, stopped: true));
        return ControlOutcome.Done;
    });

    /// <summary>Pauses or resumes a running job (not remembered across a service restart: stop is).</summary>
    public async Task<ControlOutcome> PauseAsync(string id, bool paused) => await Control(id, async () =>
        !_jobs.TryGetValue(id, out var job) ? ControlOutcome.NotFound : await job.SetPausedAsync(paused) ? ControlOutcome.Done : ControlOutcome.NotRunning);

    /// <summary>Starts the latest stored version (a job saved by <c>calc job save</c> meanwhile is picked up too).</summary>
    public async Task<ControlOutcome> StartAsync(string id, bool restart) => await Control(id, async () =>
    {
        var stored = context.Store.Use(s => s.Job(id));
        if (stored is null)
        {
            return ControlOutcome.NotFound;
        }

        var job = _jobs.GetOrAdd(id, _ => new ServedJob(stored, context));
        if (job.IsActive && !restart)
        {
            return ControlOutcome.AlreadyRunning;
        }

        context.Store.Use(s => s.SetJobStopped(id, stopped: false));
        await Replace(job, stored, start: true);
        return job.Topic is null ? ControlOutcome.NoSource : ControlOutcome.Done;
    });

    /// <summary>
    /// Rewinds a job (<c>POST /jobs/{id}/replay</c>): the running version stops (it drains and commits), the replay is stored with
    /// the job, and the job starts again with empty state at the start of the day containing <see cref="JobReplay.FromMs"/>, every
    /// partition read from Kafka's offsets-for-times of that instant; it reads on into live data as the job. The stored request
    /// is removed at the replay's first checkpoint, so a service restarted before then rewinds again. A job an admin stopped is
    /// started (as <c>restart</c> does). Returns the outcome and where state restarts (epoch ms).
    /// </summary>
    public async Task<(ControlOutcome Outcome, long RestartMs)> ReplayAsync(JobReplay replay) => await Control(replay.JobId, async () =>
    {
        var id = replay.JobId;
        var stored = context.Store.Use(s => s.Job(id));
        var definition = stored is null ? null : JobParser.Parse(stored.Json, new ProblemList());
        if (stored is null || definition is null)
        {
            return (ControlOutcome.NotFound, 0L);
        }

        if (definition.KafkaSource?.Topic is null)
        {
            return (ControlOutcome.NoSource, 0L);
        }

        if (context.Compiler.Validate(stored.Json, id, new ProblemList()) is { } compiled && RunsIsolated(compiled))
        {
            return (ControlOutcome.Isolated, 0L);
        }

        var job = _jobs.GetOrAdd(id, _ => new ServedJob(stored, context));
        await job.StopAsync();
        context.Store.Use(s =>
        {
            s.SetJobReplay(replay with { Version = stored.Version });
            s.SetJobStopped(id, stopped: false);
        });
        await Replace(job, stored, start: true);
        return (ControlOutcome.Done, RestartOf(definition, replay) ?? 0L);
    });

    private static long? RestartOf(Calc.Engine.Jobs.JobDefinition definition, JobReplay? replay) =>
        replay is null ? null : Runtime.ReplayStart.For(definition, replay.FromMs, out _);

    /// <summary>Stops every job; each drains, checkpoints and commits.</summary>
    public async Task StopAllAsync() => await Task.WhenAll(_jobs.Values.Select(j => Control(j.Id, async () =>
    {
        await j.StopAsync();
        return true;
    })));

    private async Task Replace(ServedJob job, JobVersion stored, bool start)
    {
        var previous = job.Version;
        await job.StopAsync();
        if (previous.Version != stored.Version && !ServeCheckpoints.SameSteps(previous.Json, stored.Json))
        {
            ServeCheckpoints.Delete(context.Options.CheckpointDirectory, job.Id);
        }

        job.SetVersion(stored);
        if (start)
        {
            StartIfSourced(job, stored);
        }
    }

    private static void StartIfSourced(ServedJob job, JobVersion stored)
    {
        if (job.Topic is not null)
        {
            job.Start(stored);
        }
    }

    private SemaphoreSlim ControlOf(string id) => _control.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

    private async Task<T> Control<T>(string id, Func<Task<T>> action)
    {
        var control = ControlOf(id);
        await control.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            control.Release();
        }
    }
}
