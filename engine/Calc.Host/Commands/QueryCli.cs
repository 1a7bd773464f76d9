using Calc.Engine.Tsdb;
using Calc.Sdk;
using Microsoft.Data.Sqlite;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc query --asset A --point P [--from T] [--to T] [--every 1h --agg avg] [--format table|json|csv]
/// [--org O] [--db PATH]</c>: reads the embedded store. Exit codes: 0 success (also for no points),
/// 2 bad arguments or no store at the path, 1 the store could not be read.
/// </summary>
internal static class QueryCli
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: calc query --asset A --point P [--from T] [--to T] [--every 1h --agg avg]
                          [--format table|json|csv] [--org O] [--db PATH]
          --asset, --point  the asset and point to read (of every org unless --org)
          --from, --to      time range [from, to): epoch ms or ISO-8601 (2020-05-15T00:00:00Z; no offset = UTC)
          --every, --agg    one value per epoch-aligned bucket: every = 15m, 1h, 1d...;
                            agg = avg, min, max, sum, count, first or last
          --format          table (default; times ISO-8601 UTC), json (point records, epoch ms) or csv
          --db              the embedded store file (default: tsdb.db in Calc's data directory)
        """;

    /// <summary>Runs the command against <paramref name="defaultDatabasePath"/> unless <c>--db</c>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, string defaultDatabasePath, ConsoleIo io)
    {
        var problems = new ProblemList();
        var parsed = QueryArguments.Parse(args, problems);
        if (!problems.IsEmpty)
        {
            foreach (var problem in problems.Items)
            {
                io.Error.WriteLine($"calc query: {problem}");
            }

            io.Error.WriteLine(Usage);
            return Cli.Invalid;
        }

        var path = parsed.DatabasePath ?? defaultDatabasePath;
        if (!File.Exists(path))
        {
            io.Error.WriteLine($"calc query: no embedded TSDB at {path} (nothing written there yet; give the store with --db PATH)");
            return Cli.Invalid;
        }

        IReadOnlyList<TsdbSample> samples;
        try
        {
            samples = SqliteTsdb.Query(path, parsed.Query);
        }
        catch (SqliteException ex)
        {
            io.Error.WriteLine($"calc query: cannot read {path}: {ex.Message}");
            return Cli.Failure;
        }

        QueryFormatter.Write(io.Out, samples, parsed.Query, parsed.Format);
        return Cli.Ok;
    }
}
