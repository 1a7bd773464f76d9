namespace Calc.Engine.Kafka;

/// <summary><c>calc broker [--port-file FILE]</c>: runs an <see cref="EmbeddedKafkaBroker"/> until cancelled.</summary>
public static class BrokerCommand
{
    /// <summary>
    /// Starts one embedded broker, prints its bootstrap address as one line on <paramref name="output"/>,
    /// writes it (same line) to <paramref name="portFile"/> when given, and runs until
    /// <paramref name="ct"/> is cancelled (Ctrl-C / SIGTERM). The port file is written atomically
    /// (temp file + rename) so a script polling for it never reads half a line, and removed on exit.
    /// </summary>
    /// <returns>Exit code 0 after cancellation; 1 if the broker could not start.</returns>
    public static async Task<int> RunAsync(string? portFile, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var broker = new EmbeddedKafkaBroker();
        string bootstrap;
        try
        {
            bootstrap = broker.Start();
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
}
