using System.Globalization;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Host.Stores;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Commands;

/// <summary><c>calc run JOB.json --bootstrap-servers …</c>: the job on its Kafka source until stopped or idle.</summary>
internal static class StreamRunCommand
{
    public static readonly string[] Options = ["bootstrap-servers", "input-topic", "output-topic", "group", "idle-exit", "checkpoint-dir"];

    public static int Run(string jobPath, CliArgs args, IAssetDirectory assets, ConsoleIo io, CancellationToken cancellation)
    {
        using var job = JobLoader.Compile(jobPath, io, "run");
        if (job is null)
        {
            return Cli.Invalid;
        }

        var servers = args.Get("bootstrap-servers") ?? Environment.GetEnvironmentVariable("CALC_KAFKA_BOOTSTRAP_SERVERS");
        var topic = args.Get("input-topic") ?? job.Definition.KafkaSource?.Topic;
        string? idleError = null;
        var idle = args.Get("idle-exit") is { } text ? Duration.TryParse(text, out idleError) : null;
        if (servers is null || topic is null || (args.Get("idle-exit") is not null && idle is null))
        {
            io.Error.WriteLine(servers is null
                ? "calc run: give --input FILE to run on a file, or --bootstrap-servers HOST:PORT (or CALC_KAFKA_BOOTSTRAP_SERVERS) to run on Kafka; 'calc broker' starts a local one"
                : topic is null ? "calc run: the job has no source.kafka.topic: add one or give --input-topic" : $"calc run: --idle-exit: {idleError}");
            return Cli.Invalid;
        }

        var storeOptions = StoreOptions.Parse(args, job.Definition, io.Error);
        if (storeOptions is null || (args.Get("tsdb") is not null && !Hint(io)))
        {
            return Cli.Invalid;
        }

        using var stores = StreamStores.Open(storeOptions with { Tsdb = false }, job.Definition, io, cancellation);
        if (stores is null)
        {
            return Cli.Failure;
        }

        var options = new StreamingOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = servers, GroupId = args.Get("group") ?? job.Definition.KafkaSource?.Group ?? job.Definition.Id, SessionTimeoutMs = 10_000 },
            Producer = new ProducerConfig { BootstrapServers = servers, LingerMs = 5 },
            InputTopic = topic,
            OutputTopic = args.Get("output-topic") ?? job.Definition.Outputs.KafkaTopic ?? StreamingOptions.DefaultOutputTopic,
            WriteBackToInput = job.Definition.Outputs.KafkaInternal,
            Assets = assets,
            IdleExit = idle is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Progress = p => io.Error.WriteLine(Line(p)),
            Checkpoints = new FileCheckpointStore(args.Get("checkpoint-dir") ?? Path.Combine(DataDirectory.Path, "checkpoints"), topic),
        };
        options = stores.Apply(options);
        io.Error.WriteLine($"calc run: job '{job.Definition.Id}' reading {topic} on {servers}, writing {options.OutputTopic}{(options.WriteBackToInput ? " and back to " + topic : "")}; Ctrl-C stops");
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var loggers = ConsoleLogging.Create();
            var metrics = new StreamingJobRunner(job, options, loggers.CreateLogger("calc")).Run(cancellation);
            RunSummary.Write(io.Error, job.Definition.Id, metrics, watch.Elapsed, options.OutputTopic, options.InputTopic + ".dlq");
            stores.WriteSummary(io.Error);
            return Cli.Ok;
        }
        catch (GroupPartitionsException ex)
        {
            io.Error.WriteLine("calc run: " + ex.Message);
            return Cli.Invalid;
        }
        catch (CheckpointMismatchException ex)
        {
            io.Error.WriteLine("calc run: " + ex.Message);
            return Cli.Failure;
        }
        catch (LanesAbandonedException ex)
        {
            // Ctrl-C while a lane was stuck on a record: the process ends, the record waits in Kafka.
            io.Error.WriteLine("calc run: " + ex.Message);
            return Cli.Failure;
        }
        catch (Exception ex) when (ex is KafkaException or KafkaDeliveryException)
        {
            io.Error.WriteLine($"calc run: Kafka failed: {ex.Message}. Check that {servers} is reachable; records wait in Kafka and are read again from the last commit.");
            return Cli.Failure;
        }
    }

    private static bool Hint(ConsoleIo io)
    {
        io.Error.WriteLine("calc run: --tsdb is for file runs; on Kafka the TSDB is written from the output topic by 'calc sink tsdb --bootstrap-servers HOST:PORT --topic OUTPUT --tsdb URL'");
        return false;
    }

    private static string Line(StreamProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"  {p.Elapsed:hh\\:mm\\:ss}  read {p.Metrics.Read:N0}  outputs {p.Metrics.Outputs:N0}  filtered {p.Metrics.Filtered:N0}  dead-lettered {p.DeadLettered:N0}  lag {p.Lag:N0}  partitions {p.Partitions}");
}
