using Calc.Engine.Hosting.Settings;
using Calc.Engine.Plugins;
using Calc.Host.Commands;
using Calc.Sdk;

namespace Calc.Host;

/// <summary>The <c>calc</c> command line (SPEC §8). Exit codes: 0 success, 2 invalid job or arguments, 1 runtime failure.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Invalid = 2;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteAsync(Usage.Text);
            return args.Length == 0 ? Invalid : Ok;
        }

        var rest = args[1..];
        if (rest.Any(a => a is "--help" or "-h") && Usage.For(args[0]) is { } help)
        {
            await stdout.WriteAsync(help);
            return Ok;
        }

        var io = new ConsoleIo(stdin, stdout, stderr);
        if (args[0] is not ("--version" or "version"))
        {
            var problems = new ProblemList();
            var notes = new List<string>();
            rest = ConfigCli.TakeConfigOption(rest, out var configPath, problems);
            var settings = SettingsLoader.Load(configPath, problems, notes);
            if (args[0] == "config")
            {
                return ConfigCli.Run(rest, settings, problems, notes, io);
            }

            if (problems.Items.Count > 0)
            {
                return Commands.SubCommand.Problems(io, $"calc {args[0]}: the configuration is invalid; 'calc config show' prints it with where each value came from", problems);
            }

            HostSettings.Use(settings);
        }

        try
        {
            return args[0] switch
            {
                "run" => await RunCommand.RunAsync(rest, io, cancellation),
                "check" => CheckCommand.Run(rest, io),
                "explain" => ExplainCli.Run(rest, io, cancellation),
                "demo" => await DemoCommand.RunAsync(rest, io, cancellation),
                "broker" => await BrokerCli.RunAsync(rest, io, cancellation),
                "query" => QueryCli.Run(rest, Path.Combine(DataDirectory.Path, "tsdb.db"), io),
                "state" => await StateCli.RunAsync(rest, io, cancellation),
                "sink" => await SinkCli.RunAsync(rest, io, cancellation),
                "produce" => ProduceCli.Run(rest, io, cancellation),
                "replay" => ReplayCommand.Run(rest, io, cancellation),
                "plugin" => PluginCli.Run(rest, EngineFactory.PluginRoots(), io),
                "pack" => PackCli.Run(rest, io),
                "job" => JobCli.Run(rest, io),
                "token" => TokenCli.Run(rest, io),
                "jobs" => await JobsClientCli.RunAsync(rest, io, cancellation),
                "asset" => AssetCli.Run(rest, io),
                "model" => ModelCli.Run(rest, io),
                "serve" => await Serve.ServeCommand.RunAsync(rest, io, cancellation),
                Calc.Engine.Hosting.Serve.Isolation.WorkerProtocol.Command => Serve.ServeWorkerCommand.Run(io),
                "--version" or "version" => Version(stdout),
                _ => Unknown(args[0], stderr),
            };
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("calc: stopped");
            return Failure;
        }
        catch (PluginFailedException ex)
        {
            await stderr.WriteLineAsync($"calc {args[0]}: job '{ex.JobId}' failed: {ex.Message}");
            return Failure;
        }
    }

    private static int Version(TextWriter stdout)
    {
        stdout.WriteLine(VersionInfo.Line());
        return Ok;
    }

    private static int Unknown(string command, TextWriter stderr)
    {
        stderr.WriteLine($"calc: unknown command '{command}'. Run 'calc help' for the list of commands.");
        return Invalid;
    }
}
