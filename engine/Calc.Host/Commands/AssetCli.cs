using Calc.Engine.Metadata;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc asset import FILE [--org O]</c> and <c>calc asset list [--model M] [--org O]</c>: assets in the metadata store.</summary>
internal static class AssetCli
{
    private const string UsageText = """
        usage: calc asset import FILE [--org ORG]     import assets from JSON or CSV (assetId,modelId,<attribute>...) into the store
               calc asset list [--model M] [--org ORG]
        """;

    public static int Run(string[] args, ConsoleIo io)
    {
        var parsed = CliArgs.Parse(args.Length == 0 ? args : args[1..], ["org", "model"]);
        if (args.Length == 0 || parsed.Errors.Count > 0)
        {
            return SubCommand.Usage(io, "asset", parsed, UsageText);
        }

        return (args[0], parsed.Positional.Count) switch
        {
            ("import", 1) when parsed.Get("model") is null => Import(parsed.Positional[0], parsed.Get("org") ?? "", io),
            ("list", 0) => List(parsed.Get("model"), parsed.Get("org"), io),
            _ => SubCommand.Usage(io, "asset", null, UsageText),
        };
    }

    private static int Import(string path, string org, ConsoleIo io)
    {
        if (!File.Exists(path))
        {
            io.Error.WriteLine($"calc asset import: file '{path}' not found");
            return Cli.Invalid;
        }

        using var store = MetadataAccess.Open(io, "asset import");
        if (store is null)
        {
            return Cli.Failure;
        }

        var problems = new ProblemList();
        var count = AssetImport.Import(store, path, org, problems);
        if (count is null)
        {
            return SubCommand.Problems(io, $"calc asset import: {path} was not imported, nothing was written", problems);
        }

        io.Out.WriteLine($"{path}: imported {count} asset{(count == 1 ? "" : "s")}{(org.Length == 0 ? "" : $" into org {org}")} ({store.Path})");
        return Cli.Ok;
    }

    private static int List(string? model, string? org, ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "asset list");
        if (store is null)
        {
            return Cli.Failure;
        }

        var assets = store.Assets(model, org);
        if (assets.Count == 0)
        {
            io.Out.WriteLine("No assets stored. 'calc asset import FILE' adds some.");
            return Cli.Ok;
        }

        var rows = assets.Select(a => new[]
        {
            a.Org.Length == 0 ? "-" : a.Org, a.Id, a.Model ?? "-",
            string.Join(", ", a.Attributes.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value}")),
        }).Prepend(["ORG", "ASSET", "MODEL", "ATTRIBUTES"]).ToList();
        TextTable.Write(io.Out, rows);
        return Cli.Ok;
    }
}
