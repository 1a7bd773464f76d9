using Calc.Engine.Metadata;
using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc pack install|list|remove</c>: template packs (plugin folders or zips) in the data directory and the store.</summary>
internal static class PackCli
{
    private const string UsageText = """
        usage: calc pack install PATH|ZIP [--force]     check the manifest and SDK, then copy into DATA/packs/<id>/<version>/
               calc pack list                           installed packs, the built-in pack included
               calc pack remove ID [--version V]        refused while a stored job uses one of its templates or operators
        """;

    public static int Run(string[] args, ConsoleIo io)
    {
        var parsed = CliArgs.Parse(args.Length == 0 ? args : args[1..], ["version"], ["force"]);
        if (args.Length == 0 || parsed.Errors.Count > 0)
        {
            return SubCommand.Usage(io, "pack", parsed, UsageText);
        }

        return (args[0], parsed.Positional.Count) switch
        {
            ("install", 1) when !parsed.Has("version") => Install(parsed.Positional[0], parsed.Has("force"), io),
            ("list", 0) when !parsed.Has("version") && !parsed.Has("force") => List(io),
            ("remove", 1) when !parsed.Has("force") => Remove(parsed.Positional[0], parsed.Get("version"), io),
            _ => SubCommand.Usage(io, "pack", null, UsageText),
        };
    }

    private static int Install(string path, bool force, ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "pack install");
        if (store is null)
        {
            return Cli.Failure;
        }

        var problems = new ProblemList();
        var before = store.Packs();
        var pack = new PackInstaller(store, MetadataAccess.PacksRoot).Install(path, force, problems);
        if (pack is null)
        {
            return SubCommand.Problems(io, $"calc pack install: {path} was not installed", problems);
        }

        var previous = before.Where(p => p.Id == pack.Id && p.ParsedVersion < pack.ParsedVersion).MaxBy(p => p.ParsedVersion);
        var what = previous is null ? "installed" : $"upgraded from {previous.Version} to";
        io.Out.WriteLine($"pack {pack.Id} {what} {pack.Version} (SDK {pack.SdkVersion}): {string.Join(", ", pack.Operators)} in {pack.Folder}");
        return Cli.Ok;
    }

    private static int List(ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "pack list");
        if (store is null)
        {
            return Cli.Failure;
        }

        var packs = store.Packs();
        var active = packs.GroupBy(p => p.Id).Select(g => g.MaxBy(p => p.ParsedVersion)!).ToHashSet();
        TextTable.Write(io.Out, [["ID", "VERSION", "SDK", "BUILT-IN", "ACTIVE", "TEMPLATES", "FOLDER"], .. packs.Select(p => new[]
        {
            p.Id, p.Version, p.SdkVersion, p.BuiltIn ? "yes" : "no", active.Contains(p) ? "yes" : "no", string.Join(", ", p.Operators), p.Folder,
        })]);
        var unlisted = NotInstalledWithPack(packs);
        if (unlisted.Count > 0)
        {
            io.Out.WriteLine();
            io.Out.WriteLine("Also in the plugin roots, not installed with 'calc pack install' (copied by hand: jobs can use them, 'calc pack remove' does not manage them; 'calc plugin list' shows their state):");
            TextTable.Write(io.Out, [["ID", "VERSION", "SDK", "TEMPLATES", "FOLDER"], .. unlisted.Select(i => new[]
            {
                i.Id, i.Version, i.SdkVersion, string.Join(", ", i.Operators), i.Folder,
            })]);
        }

        return Cli.Ok;
    }

    /// <summary>Plugin versions the engine finds in its roots that no stored pack accounts for.</summary>
    private static List<PluginInstallInfo> NotInstalledWithPack(IReadOnlyList<PackRecord> packs)
    {
        using var catalog = new PluginCatalog(EngineFactory.PluginRoots(), rescanOnAcquire: false);
        catalog.Rescan(new ProblemList());
        return [.. catalog.Installs.Where(i => !packs.Any(p => IsSameOrInside(i.Folder, p.Folder)))];
    }

    private static bool IsSameOrInside(string folder, string packFolder)
    {
        var a = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var b = Path.GetFullPath(packFolder).TrimEnd(Path.DirectorySeparatorChar);
        return a == b || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static int Remove(string id, string? version, ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "pack remove");
        if (store is null)
        {
            return Cli.Failure;
        }

        var result = new PackRemover(store, MetadataAccess.PacksRoot).Remove(id, version);
        var name = version is null ? $"pack {id}" : $"pack {id} {version}";
        if (result.BuiltIn)
        {
            io.Error.WriteLine($"calc pack remove: {name} is the built-in pack, which ships with calc; install a newer version to replace it");
            return Cli.Invalid;
        }

        if (result.Users.Count > 0)
        {
            var jobs = result.Users.GroupBy(u => u.JobId).Select(g => $"job '{g.Key}' uses {string.Join(", ", g.Select(u => u.OperatorId))}");
            io.Error.WriteLine($"calc pack remove: {name} is in use, not removed: {string.Join("; ", jobs)}. Remove those jobs first ('calc job remove ID').");
            return Cli.Invalid;
        }

        if (result.Removed.Count == 0)
        {
            io.Error.WriteLine($"calc pack remove: {name} is not installed ('calc pack list' shows what is)");
            return Cli.Invalid;
        }

        io.Out.WriteLine($"removed {string.Join(", ", result.Removed.Select(p => $"{p.Id} {p.Version}"))}");
        return Cli.Ok;
    }
}
