namespace Calc.Engine.Hosting.Serve;

/// <summary>A lane of a running job busy on one record for longer than the stall timeout (<c>status.stalled</c>).</summary>
internal sealed record StalledLane(int Partition, long Offset, double Seconds);
