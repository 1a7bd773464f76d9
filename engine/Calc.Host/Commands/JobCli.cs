using System.Globalization;
using Calc.Engine.Runtime;

namespace Calc.Host.Commands;

/// <summary><c>calc job save|list|show|remove</c>: jobs with their versions in the metadata store.</summary>
internal static class JobCli
{
    private const string UsageText = """
        usage: calc job save JOB.json              validate (as calc check) and store a new version if it changed
               calc job list
               calc job show ID [--version N]
               calc job remove ID                  every version
        """;

    public static int Run(string[] args, ConsoleIo io)
    {
        var parsed = CliArgs.Parse(args.Length == 0 ? args : args[1..], ["version"]);
        if (args.Length == 0 || parsed.Errors.Count > 0)
        {
            return SubCommand.Usage(io, "job", parsed, UsageText);
        }

        var plain = !parsed.Has("version");
        return (args[0], parsed.Positional.Count) switch
        {
            ("save", 1) when plain => Save(parsed.Positional[0], io),
            ("list", 0) when plain => List(io),
            ("show", 1) => Show(parsed.Positional[0], parsed.Get("version"), io),
            ("remove", 1) when plain => Remove(parsed.Positional[0], io),
            _ => SubCommand.Usage(io, "job", null, UsageText),
        };
    }

    /// <summary>The templates and operators a job needs from packs: its steps' ids; expression and script steps run multi-point-merging.</summary>
    private static int Save(string path, ConsoleIo io)
    {
        using var job = JobLoader.Compile(path, io, "job save");
        if (job is null)
        {
            return Cli.Invalid;
        }

        using var store = MetadataAccess.Open(io, "job save");
        if (store is null)
        {
            return Cli.Failure;
        }

        var (version, changed) = store.SaveJob(job.Definition.Id, File.ReadAllText(path), JobOperators.Of(job));
        io.Out.WriteLine($"job {job.Definition.Id} version {version}{(changed ? "" : " (unchanged)")}");
        return Cli.Ok;
    }

    private static int List(ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "job list");
        if (store is null)
        {
            return Cli.Failure;
        }

        var jobs = store.Jobs();
        if (jobs.Count == 0)
        {
            io.Out.WriteLine("No jobs stored. 'calc job save JOB.json' adds one.");
            return Cli.Ok;
        }

        TextTable.Write(io.Out, [["ID", "VERSION", "SAVED", "USES"], .. jobs.Select(j => new[]
        {
            j.Id, j.Version.ToString(CultureInfo.InvariantCulture), j.CreatedAt.ToString("u", CultureInfo.InvariantCulture), string.Join(", ", store.JobOperators(j.Id)),
        })]);
        return Cli.Ok;
    }

    private static int Show(string id, string? versionText, ConsoleIo io)
    {
        int? version = null;
        if (versionText is not null)
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                io.Error.WriteLine($"calc job show: --version: '{versionText}' is not a version number (1, 2, …)");
                return Cli.Invalid;
            }

            version = n;
        }

        using var store = MetadataAccess.Open(io, "job show");
        if (store is null)
        {
            return Cli.Failure;
        }

        var job = store.Job(id, version);
        if (job is null)
        {
            io.Error.WriteLine($"calc job show: no job '{id}'{(version is null ? "" : $" version {version}")} in the store ('calc job list' shows them)");
            return Cli.Invalid;
        }

        io.Error.WriteLine($"job {job.Id} version {job.Version}, saved {job.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}");
        io.Out.WriteLine(job.Json.TrimEnd());
        return Cli.Ok;
    }

    private static int Remove(string id, ConsoleIo io)
    {
        using var store = MetadataAccess.Open(io, "job remove");
        if (store is null)
        {
            return Cli.Failure;
        }

        if (!store.DeleteJob(id))
        {
            io.Error.WriteLine($"calc job remove: no job '{id}' in the store");
            return Cli.Invalid;
        }

        io.Out.WriteLine($"removed job {id} (every version)");
        return Cli.Ok;
    }
}
