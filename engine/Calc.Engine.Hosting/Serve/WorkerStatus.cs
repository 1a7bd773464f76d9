namespace Calc.Engine.Hosting.Serve;

/// <summary>The worker process an isolated job runs in: its process id and working set (bytes) at its last heartbeat.</summary>
internal sealed record WorkerStatus(int Pid, long WorkingSetBytes);
