using System.Text.Json;
using Calc.Engine.Explaining;
using Calc.Engine.Tsdb;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc explain JOB.json --input FILE --asset A --point model::P --time T [--assets ASSETS.json] [--json]</c>:
/// why the output key has the value it has, or none (see <see cref="Explainer"/>).
/// </summary>
internal static class ExplainCli
{
    private const string UsageLine = "usage: calc explain JOB.json --input POINTS.ndjson --asset ASSET --point model::POINT --time T [--assets ASSETS.json] [--json]";
    private static readonly string[] Options = ["input", "asset", "point", "time", "assets"];
    private static readonly string[] Flags = ["json"];

    public static int Run(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, Options, Flags);
        var errors = parsed.Errors.ToList();
        if (parsed.Positional.Count != 1)
        {
            errors.Add("give one job file");
        }

        foreach (var required in new[] { "input", "asset", "point", "time" })
        {
            if (string.IsNullOrWhiteSpace(parsed.Get(required)))
            {
                errors.Add($"--{required} is required");
            }
        }

        var point = default(PointRef);
        if (parsed.Get("point") is { } pointText && !PointRef.TryParse(pointText, out point))
        {
            errors.Add($"--point: '{pointText}' is not model::POINT (for example inverter::ENERGY_DAY)");
        }

        var time = 0L;
        if (parsed.Get("time") is { } timeText && !TsdbTime.TryParse(timeText, out time))
        {
            errors.Add($"--time: '{timeText}' is not a time: give epoch milliseconds (1589500800000) or ISO-8601 (2020-05-15T00:00:00Z)");
        }

        var input = parsed.Get("input");
        if (input is not null && !File.Exists(input))
        {
            errors.Add($"input file '{input}' not found");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                io.Error.WriteLine("calc explain: " + error);
            }

            io.Error.WriteLine(UsageLine);
            return Cli.Invalid;
        }

        var jobPath = parsed.Positional[0];
        var assets = RunCommand.LoadAssets(jobPath, parsed.Get("assets"), io);
        using var job = JobLoader.Compile(jobPath, io, "explain");
        if (job is null || assets is null)
        {
            return Cli.Invalid;
        }

        Explanation explanation;
        using (var stream = File.OpenRead(input!))
        {
            explanation = Explainer.Explain(job, assets, stream, new ExplainQuery(parsed.Get("asset")!, point, time), cancellation);
        }

        if (parsed.Has("json"))
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                ExplainJson.Write(writer, explanation);
            }

            io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            var colour = ReferenceEquals(io.Out, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
            ExplainText.Write(io.Out, explanation, colour);
        }

        return Cli.Ok;
    }
}
