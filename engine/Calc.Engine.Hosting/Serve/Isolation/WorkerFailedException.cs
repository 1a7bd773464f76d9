namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>A job's worker process ended, ran out of memory or stopped making progress; the message says which and what happens next.</summary>
internal sealed class WorkerFailedException(string message) : Exception(message);
