namespace Calc.Engine.Metadata;

/// <summary>One stored version of a job document.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Version">1 for the first save; each save of a changed document adds one.</param>
/// <param name="Json">The document as it was saved.</param>
/// <param name="CreatedAt">When this version was saved.</param>
public sealed record JobVersion(string Id, int Version, string Json, DateTimeOffset CreatedAt);
