using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Calc.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>The roles a token can have, weakest first.</summary>
    public static readonly IReadOnlyList<string> Roles = ["viewer", "engineer", "admin"];

    /// <summary>
    /// Creates a token and returns it with its secret (<c>calc_tok_ID_SECRET</c>): the secret is shown only
    /// here, the store keeps its SHA-256.
    /// </summary>
    public (ApiToken Token, string Secret) CreateToken(string name, string org, string role, DateTimeOffset? expiresAt)
    {
        if (!Roles.Contains(role))
        {
            throw new ArgumentException($"role '{role}' is not one of {string.Join(", ", Roles)}", nameof(role));
        }

        var id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"calc_{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var created = DateTimeOffset.UtcNow;
        _connection.Execute(
            "INSERT INTO api_tokens (id, name, org, role, hash, created_at, expires_at) VALUES ($id, $name, $org, $role, $hash, $created, $expires)",
            new { id, name, org, role, hash = HashToken(secret), created = Format(created), expires = expiresAt is null ? null : Format(expiresAt.Value) });
        return (new ApiToken(id, name, org, role, created, expiresAt, null), secret);
    }

    /// <summary>The token whose secret is <paramref name="secret"/> (revoked and expired ones too: the caller tells them apart); null when unknown.</summary>
    public ApiToken? FindToken(string secret) =>
        _connection.Query<(string Id, string Name, string Org, string Role, string Created, string? Expires, string? Revoked)>(
            "SELECT id, name, org, role, created_at, expires_at, revoked_at FROM api_tokens WHERE hash = $hash", new { hash = HashToken(secret) })
            .Select(ToToken).FirstOrDefault();

    /// <summary>Every token, oldest first.</summary>
    public IReadOnlyList<ApiToken> Tokens() =>
        [.. _connection.Query<(string Id, string Name, string Org, string Role, string Created, string? Expires, string? Revoked)>(
            "SELECT id, name, org, role, created_at, expires_at, revoked_at FROM api_tokens ORDER BY created_at, id").Select(ToToken)];

    /// <summary>Revokes a token by id (or by name, when one token has it); false when no such token is active.</summary>
    public bool RevokeToken(string idOrName) =>
        _connection.Execute(
            """
            UPDATE api_tokens SET revoked_at = $at WHERE revoked_at IS NULL
              AND (id = $key OR (name = $key AND (SELECT COUNT(*) FROM api_tokens WHERE name = $key AND revoked_at IS NULL) = 1))
            """,
            new { key = idOrName, at = Now() }) > 0;

    /// <summary>Records a change made through the API.</summary>
    public void Audit(string token, string? org, string action, string target, string detail) =>
        _connection.Execute(
            "INSERT INTO audit (at, token, org, action, target, detail) VALUES ($at, $token, $org, $action, $target, $detail)",
            new { at = Now(), token, org, action, target, detail });

    /// <summary>The newest <paramref name="limit"/> audit entries (of <paramref name="org"/>, or all when null), newest first.</summary>
    public IReadOnlyList<AuditEntry> AuditEntries(string? org, int limit = 100) =>
        [.. _connection.Query<(long Seq, string At, string Token, string? Org, string Action, string Target, string Detail)>(
            "SELECT seq, at, token, org, action, target, detail FROM audit WHERE $org IS NULL OR org = $org ORDER BY seq DESC LIMIT $limit",
            new { org, limit })
            .Select(r => new AuditEntry(r.Seq, ParseTime(r.At), r.Token, r.Org, r.Action, r.Target, r.Detail))];

    private static string HashToken(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);


    private static ApiToken ToToken((string Id, string Name, string Org, string Role, string Created, string? Expires, string? Revoked) r) =>
        new(r.Id, r.Name, r.Org, r.Role, ParseTime(r.Created), r.Expires is null ? null : ParseTime(r.Expires), r.Revoked is null ? null : ParseTime(r.Revoked));
}
