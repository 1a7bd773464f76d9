using Calc.Engine.Kafka;

namespace Calc.Host.Commands;

/// <summary><c>calc broker [--port-file FILE] [--topics NAME:PARTITIONS,…]</c>: an embedded Kafka broker for development and other clients (kcat).</summary>
internal static class BrokerCli
{
    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(args, ["port-file", "topics"]);
        var topics = BrokerCommand.ParseTopics(parsed.Get("topics"), parsed.Errors);
        if (parsed.Errors.Count > 0 || parsed.Positional.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                io.Error.WriteLine("calc broker: " + error);
            }

            io.Error.WriteLine("usage: calc broker [--port-file FILE] [--topics NAME:PARTITIONS,...]");
            return Cli.Invalid;
        }

        return await BrokerCommand.RunAsync(parsed.Get("port-file"), topics, io.Out, cancellation);
    }
}
