using System.Text.Json.Serialization;

namespace Calc.Engine.Hosting.Serve;

/// <summary>A lane a stop gave up (<c>status.abandoned</c>): the record it was on (-1 when unknown), when, and its thread's end.</summary>
internal sealed record AbandonedLane(int Partition, long Offset, DateTimeOffset At, [property: JsonIgnore] Task Ended);
