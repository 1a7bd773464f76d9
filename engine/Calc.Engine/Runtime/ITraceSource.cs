using Calc.Sdk;

namespace Calc.Engine.Runtime;

/// <summary>The engine's own parts (the preprocessor) reach the step's trace through the metrics they are given.</summary>
internal interface ITraceSource
{
    /// <summary>Non-null only while a traced record is in the step.</summary>
    ITraceSink? Trace { get; }
}
