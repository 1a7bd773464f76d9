namespace Calc.Host.Serve;

/// <summary>Who makes a request: a token's name, organization (null: every org, for anonymous <c>--insecure-local</c> use) and role.</summary>
internal sealed record Principal(string Name, string? Org, string Role)
{
    public static readonly Principal Anonymous = new("anonymous", null, "admin");

    /// <summary>True when this principal may act on a job of <paramref name="org"/>.</summary>
    public bool Sees(string org) => Org is null || string.Equals(Org, org, StringComparison.Ordinal);

    /// <summary>True when the role is <paramref name="required"/> or stronger (viewer &lt; engineer &lt; admin).</summary>
    public bool Has(string required) => Rank(Role) >= Rank(required);

    private static int Rank(string role) => role switch
    {
        "admin" => 2,
        "engineer" => 1,
        _ => 0,
    };
}
