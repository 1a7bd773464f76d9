using Calc.Engine.Records;
using Calc.Engine.State;

namespace Calc.Host.Commands;

/// <summary><c>calc state get|delete --job ID</c> against the embedded Garnet (DATA/garnet) or <c>--state redis://HOST:PORT</c>.</summary>
internal static class StateCli
{
    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["job", "asset", "point", "state"]);
        var verb = parsed.Positional.FirstOrDefault();
        var job = parsed.Get("job");
        if (parsed.Errors.Count > 0 || verb is not ("get" or "delete") || job is null || parsed.Positional.Count != 1)
        {
            foreach (var error in parsed.Errors)
            {
                io.Error.WriteLine("calc state: " + error);
            }

            io.Error.WriteLine("usage: calc state get --job ID [--asset A] [--point P] [--state URL] | calc state delete --job ID [--state URL]");
            return Cli.Invalid;
        }

        var options = new StateConnectionOptions
        {
            Url = parsed.Get("state"),
            Embedded = new EmbeddedGarnetOptions { DataDirectory = Path.Combine(DataDirectory.Path, "garnet") },
        };
        await using var connection = await StateConnection.OpenAsync(options, cancellationToken: cancellation);
        var commands = new StateCommands(connection.Database, io.Out, io.Error);
        return verb == "get"
            ? await commands.GetAsync(job, parsed.Get("asset"), PointId(parsed.Get("point")), cancellation)
            : await commands.DeleteAsync(job, cancellation);
    }

    // State is keyed by point id within an asset: model::point names the same point.
    private static string? PointId(string? name) => name is null ? null : PointName.Split(name).Point;
}
