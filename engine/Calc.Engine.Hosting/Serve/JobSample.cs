using Calc.Engine.Kafka;
using Calc.Engine.Runtime;

namespace Calc.Engine.Hosting.Serve;

/// <summary>A served job as <c>GET /metrics</c> and <c>/health/ready</c> read it: its state and the last progress report of its run (null before the first).</summary>
internal sealed record JobSample(string Id, string Org, ServedJobState State, JobMetrics? Metrics, StreamProgress? Progress, int Failures, DateTimeOffset? LastOutputAt);
