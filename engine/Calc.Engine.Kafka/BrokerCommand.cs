namespace Calc.Engine.Kafka;

/// <summary><c>calc broker [--port-file FILE] [--topics NAME:PARTITIONS,…]</c>: runs an <see cref="EmbeddedKafkaBroker"/> until cancelled.</summary>
public static class BrokerCommand
{
    /// <summary>
    /// Starts one embedded broker, prints its bootstrap address as one line on <paramref name="output"/>,
    /// writes it (same line) to <paramref name="portFile"/> when given, and runs until
    /// <paramref name="ct"/> is cancelled (Ctrl-C / SIGTERM). The port file is written atomically
    /// (temp file + rename) so a script polling for it never reads half a line, and removed on exit.
    /// </summary>
    /// <param name="portFile">Where to write the bootstrap address, or null.</param>
    /// <param name="topics">Topics to create before the address is printed, with their partition counts
    /// (the mock broker keeps about 5 MB per partition: size them for the volume).</param>
    /// <param name="output">Where the bootstrap address is printed.</param>
    /// <param name="ct">Stops the broker.</param>
    /// <returns>Exit code 0 after cancellation; 1 if the broker could not start.</returns>
    public static async Task<int> RunAsync(string? portFile, IReadOnlyList<(string Name, int Partitions)> topics, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
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
            await output.WriteLineAsync("calc broker: " + ex.Message);
            return 1;
        }

        await output.WriteLineAsync(bootstrap);
        await output.FlushAsync(ct);
        if (portFile is not null)
        {
            var temp = portFile + ".tmp";
            await File.WriteAllTextAsync(temp, bootstrap + "\n", ct);
            File.Move(temp, portFile, overwrite: true);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, ct);
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

        return 0;
    }

    /// <summary>Parses <c>NAME:PARTITIONS,…</c> (partitions default 4); problems are added to <paramref name="errors"/>.</summary>
    public static List<(string Name, int Partitions)> ParseTopics(string? text, List<string> errors)
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
