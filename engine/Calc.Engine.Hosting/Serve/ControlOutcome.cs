namespace Calc.Engine.Hosting.Serve;

/// <summary>What a start, stop or restart request came to.</summary>
internal enum ControlOutcome
{
    Done,
    NotFound,
    AlreadyRunning,
    NotRunning,
    NoSource,

    /// <summary>The job runs in a worker process (<c>--isolation</c>), where a served replay is not built.</summary>
    Isolated,
}
