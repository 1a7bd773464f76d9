namespace Calc.Engine.Metadata;

/// <summary>A stored API token of <c>calc serve</c> (never its secret).</summary>
/// <param name="Id">The token's short id (<c>tok_…</c>), part of the token itself; <c>calc token revoke</c> takes it.</param>
/// <param name="Name">Who or what uses it; recorded in the audit with every change.</param>
/// <param name="Org">The organization whose jobs it sees and changes.</param>
/// <param name="Role"><c>viewer</c>, <c>engineer</c> or <c>admin</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working; null = never.</param>
/// <param name="RevokedAt">When it was revoked; null = not revoked.</param>
public sealed record ApiToken(string Id, string Name, string Org, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
