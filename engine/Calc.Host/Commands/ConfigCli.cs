using Calc.Engine.Hosting.Settings;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc config show|check</c>, and the <c>--config PATH</c> option every command takes.</summary>
internal static class ConfigCli
{
    private const string UsageText = "usage: calc config show|check [--config PATH]";

    /// <summary>The arguments without <c>--config PATH</c> (or <c>--config=PATH</c>), which is returned.</summary>
    public static string[] TakeConfigOption(string[] args, out string? path, ProblemList problems)
    {
        path = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 < args.Length)
                {
                    path = args[++i];
                }
                else
                {
                    problems.Add("--config", "needs the path of a calc.json");
                }
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                path = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return [.. rest];
    }

    public static int Run(string[] args, CalcSettings settings, ProblemList problems, IReadOnlyList<string> notes, ConsoleIo io)
    {
        switch (args)
        {
            case ["show"]:
                SettingsReport.Write(settings, problems, notes, io.Out);
                return problems.Items.Count > 0 ? Cli.Invalid : Cli.Ok;
            case ["check"]:
                if (problems.Items.Count > 0)
                {
                    return SubCommand.Problems(io, "calc config: the configuration is invalid", problems);
                }

                io.Out.WriteLine($"calc config: ok ({settings.File ?? "no configuration file; environment and defaults"})");
                return Cli.Ok;
            default:
                io.Error.WriteLine(UsageText);
                return Cli.Invalid;
        }
    }
}
