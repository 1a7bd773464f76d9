using Calc.Engine.Kafka;

namespace Calc.Host.Commands;

/// <summary><c>calc broker [--port-file FILE] [--topics NAME:PARTITIONS,…]</c>: an embedded Kafka broker for development and other clients (kcat).</summary>
internal static class BrokerCli
{
    private const string Usage = "usage: calc broker [--port-file FILE] [--topics NAME:PARTITIONS,...]";

    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["port-file", "topics"]);
        var topics = ParseTopics(parsed.Get("topics"), parsed.Errors);
        if (parsed.Errors.Count > 0 || parsed.Positional.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                io.Error.WriteLine("calc broker: " + error);
            }

            io.Error.WriteLine(Usage);
            return Cli.Invalid;
        }

        return await ServeAsync(parsed.Get("port-file"), topics, io, cancellation);
    }

    /// <summary>
    /// Starts one embedded broker with <paramref name="topics"/> (the mock broker keeps about 5 MB per
    /// partition: size them for the volume), writes its bootstrap address to <paramref name="portFile"/>
    /// when given and then prints it as one line, and runs until <paramref name="cancellation"/> (Ctrl-C /
    /// SIGTERM). The port file is written atomically (temp file + rename) so a script polling for it never
    /// reads half a line, and removed on exit. Returns 0 after cancellation, 1 if the broker could not start.
    /// </summary>
    internal static async Task<int> ServeAsync(string? portFile, IReadOnlyList<(string Name, int Partitions)> topics, ConsoleIo io, CancellationToken cancellation)
    {
        using var broker = new EmbeddedKafkaBroker();
        string bootstrap;
        try
        {
            bootstrap = broker.Start();
            foreach (var (name, partitions) in topics)
            {
                broker.CreateTopic(name, partitions);
            }
        }
        catch (InvalidOperationException ex)
        {
            await io.Error.WriteLineAsync("calc broker: " + ex.Message);
            return Cli.Failure;
        }

        try
        {
            if (portFile is not null)
            {
                var temp = portFile + ".tmp";
                await File.WriteAllTextAsync(temp, bootstrap + "\n", cancellation);
                File.Move(temp, portFile, overwrite: true);
            }

            await io.Out.WriteLineAsync(bootstrap);
            await io.Out.FlushAsync(cancellation);
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how the broker is asked to stop.
        }
        finally
        {
            if (portFile is not null)
            {
                File.Delete(portFile);
            }
        }

        return Cli.Ok;
    }

    /// <summary>Parses <c>NAME:PARTITIONS,…</c> (partitions default 4); problems are added to <paramref name="errors"/>.</summary>
    internal static List<(string Name, int Partitions)> ParseTopics(string? text, List<string> errors)
    {
        var topics = new List<(string, int)>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.LastIndexOf(':');
            var name = colon < 0 ? item : item[..colon];
            var partitions = 4;
            if (name.Length == 0 || (colon >= 0 && (!int.TryParse(item[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out partitions) || partitions is < 1 or > 10_000)))
            {
                errors.Add($"--topics: '{item}' is not NAME or NAME:PARTITIONS (1–10000)");
                continue;
            }

            topics.Add((name, partitions));
        }

        return topics;
    }
}
