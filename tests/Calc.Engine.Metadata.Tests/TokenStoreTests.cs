namespace Calc.Engine.Metadata.Tests;

/// <summary>API tokens: kept hashed, found by their secret only, revocable; the audit of changes, by org.</summary>
public sealed class TokenStoreTests
{
    [Fact]
    public void ShouldKeepOnlyTheHashAndFindTheTokenByItsSecret()
    {
        using var temp = new TempStore();
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var (token, secret) = temp.Store.CreateToken("grafana", "o1", "viewer", expires);

        Assert.Matches("^calc_tok_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", secret);
        Assert.StartsWith("calc_" + token.Id + "_", secret, StringComparison.Ordinal);
        Assert.Equal(("grafana", "o1", "viewer", (DateTimeOffset?)expires), (token.Name, token.Org, token.Role, token.ExpiresAt));
        Assert.Equal(token with { CreatedAt = token.CreatedAt }, temp.Store.FindToken(secret));
        Assert.Null(temp.Store.FindToken(secret + "x"));
        Assert.Null(temp.Store.FindToken(secret[..^1]));
        var bytes = File.ReadAllText(temp.DatabasePath + "", System.Text.Encoding.Latin1);
        Assert.DoesNotContain(secret[14..], bytes, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => temp.Store.CreateToken("x", "o1", "root", null));
    }

    [Fact]
    public void ShouldRevokeByIdOrByAUniqueName()
    {
        using var temp = new TempStore();
        var (a, secretA) = temp.Store.CreateToken("ci", "o1", "engineer", null);
        var (b, _) = temp.Store.CreateToken("ops", "o2", "admin", null);
        temp.Store.CreateToken("ops", "o2", "viewer", null);

        Assert.False(temp.Store.RevokeToken("ops"));
        Assert.True(temp.Store.RevokeToken(b.Id));
        Assert.True(temp.Store.RevokeToken("ops"));
        Assert.True(temp.Store.RevokeToken("ci"));
        Assert.False(temp.Store.RevokeToken(a.Id));
        Assert.NotNull(temp.Store.FindToken(secretA)!.RevokedAt);
        Assert.Equal(3, temp.Store.Tokens().Count(t => t.RevokedAt is not null));
    }

    [Fact]
    public void ShouldListTheAuditNewestFirstByOrg()
    {
        using var temp = new TempStore();
        temp.Store.Audit("ci", "o1", "job.put", "wind", "version 1");
        temp.Store.Audit("ops", "o2", "job.stop", "solar", "");
        temp.Store.Audit("ci", "o1", "job.put", "wind", "version 2");

        Assert.Equal(["version 2", "version 1"], temp.Store.AuditEntries("o1").Select(e => e.Detail));
        Assert.Equal(["job.put", "job.stop", "job.put"], temp.Store.AuditEntries(null).Select(e => e.Action));
        Assert.Equal("solar", Assert.Single(temp.Store.AuditEntries("o2")).Target);
    }
}
