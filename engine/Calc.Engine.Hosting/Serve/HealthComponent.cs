namespace Calc.Engine.Hosting.Serve;

/// <summary>One component of <c>GET /health/ready</c>: its name (<c>kafka</c>, <c>state</c>, <c>tsdb</c>, <c>job:ID</c>), whether it is fine, and why not.</summary>
internal sealed record HealthComponent(string Name, bool Ok, string Detail);
