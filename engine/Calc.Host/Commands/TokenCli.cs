using System.Globalization;
using Calc.Engine.Metadata;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc token create|list|revoke</c>: the API tokens of <c>calc serve</c>, in the metadata store (hashed).</summary>
internal static class TokenCli
{
    private const string UsageText = """
        usage: calc token create --org ORG --role viewer|engineer|admin [--name NAME] [--expires 30d | 2027-01-01T00:00:00Z]
               calc token list
               calc token revoke ID|NAME
        """;

    public static int Run(string[] args, ConsoleIo io)
    {
        var parsed = CliArgs.Parse(args.Length == 0 ? args : args[1..], ["org", "role", "name", "expires"]);
        if (args.Length == 0 || parsed.Errors.Count > 0)
        {
            return SubCommand.Usage(io, "token", parsed, UsageText);
        }

        return (args[0], parsed.Positional.Count) switch
        {
            ("create", 0) => Create(parsed, io),
            ("list", 0) => List(io),
            ("revoke", 1) => Revoke(parsed.Positional[0], io),
            _ => SubCommand.Usage(io, "token", null, UsageText),
        };
    }

    private static int Create(CliArgs args, ConsoleIo io)
    {
        var problems = new List<string>();
        var org = args.Get("org");
        var role = args.Get("role");
        if (string.IsNullOrWhiteSpace(org))
        {
            problems.Add("--org is required: the organization whose jobs the token sees and changes");
        }

        if (role is null || !MetadataStore.Roles.Contains(role))
        {
            problems.Add($"--role must be one of {string.Join(", ", MetadataStore.Roles)}{(role is null ? "" : $", not '{role}'")}");
        }

        var expires = Expiry(args.Get("expires"), problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                io.Error.WriteLine("calc token create: " + problem);
            }

            return Cli.Invalid;
        }

        using var store = MetadataAccess.Open(io, "token create");
        if (store is null)
        {
            return Cli.Failure;
        }

        var name = args.Get("name") ?? $"{role}@{org}";
        var (token, secret) = store.CreateToken(name, org!, role!, expires);
        io.Error.WriteLine($"calc token create: token {token.Id} '{name}' for org {org}, role {role}, "
            + (expires is null ? "no expiry" : "expires " + expires.Value.ToString("u", CultureInfo.InvariantCulture))
            + ". It is shown this once (the store keeps only its hash): pass it as 'Authorization: Bearer …' or CALC_TOKEN");
        io.Out.WriteLine(secret);
        return Cli.Ok;
    }

    private static DateTimeOffset? Expiry(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Duration.TryParse(text, out _) is { } ms && ms > 0)
        {
            return DateTimeOffset.UtcNow.AddMilliseconds(ms);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.ToUniversalTime();
        }

        problems.Add($"--expires '{text}' is neither a duration (30d, 12h) nor a date (2027-01-01T00:00:00Z)");
        return null;
    }

    private static int List(ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "token list");
        if (store is null)
        {
            return Cli.Failure;
        }

        var tokens = store.Tokens();
        if (tokens.Count == 0)
        {
            io.Out.WriteLine("No tokens. 'calc token create --org ORG --role admin' makes one.");
            return Cli.Ok;
        }

        var now = DateTimeOffset.UtcNow;
        TextTable.Write(io.Out, [["ID", "NAME", "ORG", "ROLE", "CREATED", "EXPIRES", "STATE"], .. tokens.Select(t => new[]
        {
            t.Id, t.Name, t.Org, t.Role, t.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
            t.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
            t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= now ? "expired" : "active",
        })]);
        return Cli.Ok;
    }

    private static int Revoke(string idOrName, ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "token revoke");
        if (store is null)
        {
            return Cli.Failure;
        }

        if (!store.RevokeToken(idOrName))
        {
            io.Error.WriteLine($"calc token revoke: no active token with id '{idOrName}' (or the name is not unique: use the id; 'calc token list' shows them)");
            return Cli.Invalid;
        }

        io.Error.WriteLine($"calc token revoke: {idOrName} revoked; calc serve refuses it from its next request");
        return Cli.Ok;
    }
}
