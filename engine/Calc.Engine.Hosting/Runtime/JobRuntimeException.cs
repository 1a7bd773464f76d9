namespace Calc.Engine.Hosting.Runtime;

/// <summary>A job's store could not be opened; the message says which and what to do.</summary>
internal sealed class JobRuntimeException(string message, Exception inner) : Exception(message, inner);
