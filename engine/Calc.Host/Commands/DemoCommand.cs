using System.Globalization;
using Calc.Host.Demo;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc demo</c>: a simulated PV and wind fleet streamed through the built-in templates on an embedded broker.</summary>
internal static class DemoCommand
{
    public static Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["days", "inverters", "turbines", "speed", "tsdb"], ["fast"]);
        var options = new DemoOptions { DataDirectory = Path.Combine(DataDirectory.Path, "demo") };
        options = options with
        {
            Days = Int(parsed, "days", options.Days, io),
            Inverters = Int(parsed, "inverters", options.Inverters, io),
            Turbines = Int(parsed, "turbines", options.Turbines, io),
            Speed = parsed.Has("fast") ? 0 : Int(parsed, "speed", (int)options.Speed, io),
            TsdbUrl = parsed.Get("tsdb") is { } url && !url.Equals("embedded", StringComparison.OrdinalIgnoreCase) ? url : null,
        };
        if (parsed.Errors.Count > 0 || parsed.Positional.Count > 0 || options.Days <= 0 || options.Inverters < 0 || options.Turbines < 0)
        {
            foreach (var error in parsed.Errors)
            {
                io.Error.WriteLine("calc demo: " + error);
            }

            io.Error.WriteLine("usage: calc demo [--days N] [--inverters N] [--turbines N] [--speed SIMULATED_SECONDS_PER_SECOND | --fast] [--tsdb URL]");
            return Task.FromResult(Cli.Invalid);
        }

        var jobs = LoadJobs(io);
        if (jobs is null)
        {
            return Task.FromResult(Cli.Failure);
        }

        io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calc demo: {options.Inverters} PV inverters and {options.Turbines} wind turbines, {options.Days} simulated days{(options.Speed > 0 ? $" at {options.Speed:N0}× real time" : ", as fast as possible")}; jobs: {string.Join(", ", jobs.Select(j => j.Definition.Id))}"));
        return Task.FromResult(new DemoRun(options, io).Run(jobs, cancellation));
    }

    private static List<CompiledJob>? LoadJobs(ConsoleIo io)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Demo", "Jobs");
        var jobs = new List<CompiledJob>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var job = JobLoader.Compile(path, io, "demo");
            if (job is null)
            {
                return null;
            }

            jobs.Add(job);
        }

        return jobs;
    }

    private static int Int(CliArgs args, string name, int fallback, ConsoleIo io)
    {
        if (args.Get(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        io.Error.WriteLine($"calc demo: --{name} must be a whole number, not '{text}'");
        return -1;
    }
}
