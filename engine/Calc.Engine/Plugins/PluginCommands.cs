using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>
/// <c>calc plugin list</c> and <c>calc plugin validate PATH</c>: the logic, with the output written to
/// text writers and the exit code returned (0 success, 2 invalid plugin or arguments).
/// </summary>
public static partial class PluginCommands
{
    public const int Ok = 0;
    public const int Invalid = 2;

    public const string UsageText = """
        usage: calc plugin list                 every installed plugin version: id, version, SDK, state, operators, folder, problems
               calc plugin validate PATH        check a plugin folder (or its calc-plugin.json / DLL) before installing it
        """;

    /// <summary>Dispatches <c>calc plugin …</c> (<paramref name="args"/> without the word <c>plugin</c>).</summary>
    public static int Run(IReadOnlyList<string> args, IReadOnlyList<string> roots, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["list"]:
                return List(roots, output);
            case ["validate", var path]:
                return Validate(path, output);
            default:
                error.WriteLine(args.Count == 0 ? "calc plugin: name a subcommand" : $"calc plugin: unexpected arguments '{string.Join(' ', args)}'");
                error.WriteLine(UsageText);
                return Invalid;
        }
    }

    /// <summary>Scans the roots as the engine does and lists every install found, with why a refused one was refused.</summary>
    public static int List(IReadOnlyList<string> roots, TextWriter output)
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

        return Ok;
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
