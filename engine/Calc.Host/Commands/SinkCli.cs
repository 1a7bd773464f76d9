using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Tsdb;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc sink tsdb --bootstrap-servers HOST:PORT --topic T [--group G] [--tsdb URL] [--points P,…] [--idle-exit D]</c>:
/// the downstream TSDB writer (SPEC §7). Consumes an output topic in its own consumer group, upserts
/// into the TSDB in batches, and commits offsets only after the database acknowledged a batch; while
/// the database is down it retries with backoff and the backlog waits in Kafka.
/// </summary>
internal static class SinkCli
{
    public const string DefaultGroup = "calc-tsdb-writer";
    private const string UsageLine = "usage: calc sink tsdb --bootstrap-servers HOST:PORT --topic TOPIC [--group G] [--tsdb URL] [--points model::point,…] [--idle-exit 10s]";

    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(StoreOptions.WithDefaults(args), ["bootstrap-servers", "topic", "group", "tsdb", "points", "idle-exit"]);
        var kafka = HostSettings.Current.Kafka;
        var servers = parsed.Get("bootstrap-servers") ?? kafka.BootstrapServers;
        var topic = parsed.Get("topic");
        string? idleError = null;
        var idle = parsed.Get("idle-exit") is { } text ? Duration.TryParse(text, out idleError) : null;
        if (parsed.Errors.Count > 0 || parsed.Positional is not ["tsdb"] || servers is null || topic is null || idleError is not null)
        {
            foreach (var problem in parsed.Errors.Append(idleError is null ? null : "--idle-exit: " + idleError).OfType<string>())
            {
                io.Error.WriteLine("calc sink: " + problem);
            }

            io.Error.WriteLine(UsageLine);
            return Cli.Invalid;
        }

        if (!KafkaFirstContact.Check("calc sink tsdb", kafka.AdminConfig(servers), servers, io.Error))
        {
            return Cli.Failure;
        }

        var points = parsed.Get("points")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        using var loggers = ConsoleLogging.Create(LogLevel.Warning);
        var group = parsed.Get("group") ?? DefaultGroup;
        TopicTsdbWriter sink;
        try
        {
            sink = TopicTsdbWriter.Create(servers, kafka, topic, group, StoreOptions.TsdbAddress(parsed.Get("tsdb")), points, idle is { } ms ? TimeSpan.FromMilliseconds(ms) : null, loggers.CreateLogger("calc.tsdb"));
        }
        catch (ArgumentException ex)
        {
            io.Error.WriteLine($"calc sink tsdb: {ex.Message}");
            return Cli.Invalid;
        }

        using var owned = sink;
        io.Error.WriteLine($"calc sink tsdb: {topic} on {servers} (group {group}) → {sink.Description}; Ctrl-C stops");
        var running = sink.RunAsync(cancellation);
        while (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)) != running)
        {
            io.Error.WriteLine(sink.Line());
        }

        await running;
        io.Error.WriteLine(sink.Line());
        if (sink.Error is { } error)
        {
            io.Error.WriteLine($"calc sink tsdb: Kafka failed: {error.Message}; records wait in Kafka and are read again from the last commit");
            return Cli.Failure;
        }

        return Cli.Ok;
    }
}
