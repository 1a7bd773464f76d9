namespace Calc.Engine.Kafka;

/// <summary>
/// Pauses and resumes a running <see cref="StreamingJobRunner"/> from another thread. Paused, the runner
/// commits what it processed, stops fetching (it stays in its consumer group, so its partitions are not
/// given away) and keeps its operator state in memory; resumed, it reads on from where it stopped.
/// </summary>
public sealed class PauseSwitch
{
    private readonly Lock _gate = new();
    private volatile bool _paused;
    private TaskCompletionSource _applied = Done();

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused => _paused;

    /// <summary>Asks the runner to pause; the task completes once it has (within one poll, about 200 ms, after its batch).</summary>
    public Task Pause() => Set(true);

    /// <summary>Asks the runner to read on; the task completes once it does.</summary>
    public Task Resume() => Set(false);

    /// <summary>The runner calls it after it paused or resumed.</summary>
    internal void Applied(bool paused)
    {
        lock (_gate)
        {
            if (paused == _paused)
            {
                _applied.TrySetResult();
            }
        }
    }

    /// <summary>True while a pause or resume was asked for and the runner has not applied it yet.</summary>
    internal bool Pending => !_applied.Task.IsCompleted;

    private Task Set(bool paused)
    {
        lock (_gate)
        {
            if (_paused != paused)
            {
                _applied.TrySetResult(); // an earlier request not applied yet is superseded
                _applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _paused = paused;
            }

            return _applied.Task;
        }
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
