using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc plugin list</c> and <c>calc plugin validate PATH</c> (exit 0 success, 2 invalid plugin or arguments).</summary>
internal static class PluginCli
{
    public const string Usage = """
        usage: calc plugin list                 every installed plugin version: id, version, SDK, state, operators, folder, problems
               calc plugin validate PATH        check a plugin folder (or its calc-plugin.json / DLL) before installing it
        """;

    /// <summary>Dispatches <c>calc plugin …</c> (<paramref name="args"/> without the word <c>plugin</c>).</summary>
    public static int Run(IReadOnlyList<string> args, IReadOnlyList<string> roots, ConsoleIo io)
    {
        switch (args)
        {
            case ["list"]:
                return List(roots, io.Out);
            case ["validate", var path]:
                return Validate(path, io.Out);
            default:
                io.Error.WriteLine(args.Count == 0 ? "calc plugin: name a subcommand" : $"calc plugin: unexpected arguments '{string.Join(' ', args)}'");
                io.Error.WriteLine(Usage);
                return Cli.Invalid;
        }
    }

    /// <summary>Scans the roots as the engine does and lists every install found, with why a refused one was refused.</summary>
    internal static int List(IReadOnlyList<string> roots, TextWriter output)
    {
        using var catalog = new PluginCatalog(roots, rescanOnAcquire: false);
        var problems = new ProblemList();
        catalog.Rescan(problems);
        output.WriteLine("Plugin roots: " + string.Join(", ", catalog.Roots.Select(r => Directory.Exists(r) ? r : r + " (missing)")));
        var installs = catalog.Installs;
        if (installs.Count == 0)
        {
            output.WriteLine("No plugins installed.");
        }
        else
        {
            WriteTable(installs, output);
        }

        foreach (var refused in problems.Items.Where(p => !installs.Any(i => i.Folder == p.Path)))
        {
            output.WriteLine($"refused: {refused.Path}: {refused.Message}");
        }

        return Cli.Ok;
    }

    internal static int Validate(string path, TextWriter output)
    {
        var result = PluginValidator.Validate(path);
        if (!result.IsValid)
        {
            output.WriteLine($"{result.Folder}: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in result.Problems)
            {
                output.WriteLine("  " + problem);
            }

            return Cli.Invalid;
        }

        var manifest = result.Manifest!;
        output.WriteLine($"{result.Folder}: ok — plugin {manifest.Id} {manifest.Version} (SDK {manifest.SdkVersion}, this Calc runs SDK {SdkInfo.Version}), entry {manifest.EntryType} in {manifest.EntryAssembly}");
        foreach (var line in result.Registered)
        {
            output.WriteLine("  " + line);
        }

        return Cli.Ok;
    }

    private static void WriteTable(IReadOnlyList<PluginInstallInfo> installs, TextWriter output)
    {
        var rows = installs.Select(i => new[]
        {
            i.Id, i.Version, i.SdkVersion, i.State.ToString().ToLowerInvariant(), i.Operators.Count == 0 ? "-" : string.Join(", ", i.Operators), i.Folder,
        }).Prepend(["ID", "VERSION", "SDK", "STATE", "OPERATORS", "FOLDER"]).ToList();
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            output.WriteLine(string.Join("  ", rows[r].Select((cell, c) => c < widths.Length ? cell.PadRight(widths[c]) : cell)));
            foreach (var problem in r == 0 ? [] : installs[r - 1].Problems)
            {
                output.WriteLine("    problem: " + problem);
            }
        }
    }
}
