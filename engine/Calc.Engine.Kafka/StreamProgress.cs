using Calc.Engine.Runtime;

namespace Calc.Engine.Kafka;

/// <summary>A progress report of a streaming run.</summary>
public sealed record StreamProgress(JobMetrics Metrics, long DeadLettered, int Partitions, long Lag, TimeSpan Elapsed);
