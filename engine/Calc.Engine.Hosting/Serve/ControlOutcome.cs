namespace Calc.Engine.Hosting.Serve;

/// <summary>What a start, stop or restart request came to.</summary>
internal enum ControlOutcome
{
    Done,
    NotFound,
    AlreadyRunning,
    NotRunning,
    NoSource,
}
