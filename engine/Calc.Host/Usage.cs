namespace Calc.Host;

internal static class Usage
{
    public const string Text = """
        calc — stream calculation engine for industrial IoT and energy data

        Usage: calc <command> [arguments]

          run JOB.json --input POINTS.ndjson --output OUT.ndjson [--rejected REJ.ndjson] [--assets ASSETS.json]
                              run a job over a file of point records ('-' = stdin/stdout)
          check JOB.json      validate a job without running it (every problem with its JSON path)
          demo [--minutes N] [--assets N]
                              stream a simulated PV and wind fleet through the built-in templates
          help                this text

        Exit codes: 0 success, 2 invalid job or arguments, 1 runtime failure.
        Docs: docs/ in the source tree (job reference: docs/jobs.md).

        """;
}
