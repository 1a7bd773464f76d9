using System.Text.Json;
using Calc.Engine.Records;
using Calc.Engine.State;
using StackExchange.Redis;

namespace Calc.Host.Commands;

/// <summary><c>calc state get|delete --job ID</c> against the embedded Garnet (DATA/garnet) or <c>--state redis://HOST:PORT</c>.</summary>
internal static class StateCli
{
    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["job", "asset", "point", "state"]);
        var verb = parsed.Positional.FirstOrDefault();
        var job = parsed.Get("job");
        if (parsed.Errors.Count > 0 || verb is not ("get" or "delete") || string.IsNullOrWhiteSpace(job) || parsed.Positional.Count != 1)
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
        var inspector = new StateInspector(connection.Database);
        try
        {
            return verb == "get"
                ? await GetAsync(inspector, job, parsed.Get("asset"), PointId(parsed.Get("point")), io, cancellation)
                : await DeleteAsync(inspector, job, io, cancellation);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            io.Error.WriteLine($"calc state {verb}: {ex.Message}");
            return Cli.Failure;
        }
    }

    private static async Task<int> GetAsync(StateInspector inspector, string job, string? asset, string? point, ConsoleIo io, CancellationToken cancellation)
    {
        if (await inspector.DescribeAsync(job, asset, point, cancellation) is not { } description)
        {
            io.Error.WriteLine($"job {job} has no checkpoint");
            return Cli.Failure;
        }

        io.Out.WriteLine(description);
        return Cli.Ok;
    }

    private static async Task<int> DeleteAsync(StateInspector inspector, string job, ConsoleIo io, CancellationToken cancellation)
    {
        var result = await inspector.DeleteAsync(job, cancellation);
        if (result.RunningOwner is { } owner)
        {
            io.Error.WriteLine($"job {job} is running (lease held by {owner}); stop it before deleting its state");
            return Cli.Failure;
        }

        io.Out.WriteLine(result.Deleted ? $"deleted the checkpoint of job {job}" : $"job {job} has no checkpoint; nothing deleted");
        return Cli.Ok;
    }

    // State is keyed by point id within an asset: model::point names the same point.
    private static string? PointId(string? name) => name is null ? null : PointName.Split(name).Point;
}
