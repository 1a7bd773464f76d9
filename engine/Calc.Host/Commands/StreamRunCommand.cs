using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Kafka;
using Calc.Engine.Runtime;
using Calc.Engine.Tsdb;
using Calc.Engine.Hosting;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Sdk;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Commands;

/// <summary><c>calc run JOB.json --bootstrap-servers …</c>: the job on its Kafka source until stopped or idle.</summary>
internal static class StreamRunCommand
{
    public static readonly string[] Options = ["bootstrap-servers", "input-topic", "output-topic", "group", "idle-exit", "checkpoint-dir", "repartition-topic"];

    /// <summary>Options without a value.</summary>
    public static readonly string[] Flags = ["accept-empty-state"];

    public static int Run(string jobPath, CliArgs args, IAssetDirectory assets, ConsoleIo io, CancellationToken cancellation) =>
        Run(jobPath, args, assets, io, null, cancellation);

    /// <summary>Runs the job on Kafka; with <paramref name="replay"/>, as <c>calc replay</c> (see <see cref="ReplayCommand"/>).</summary>
    public static int Run(string jobPath, CliArgs args, IAssetDirectory assets, ConsoleIo io, ReplayRequest? replay, CancellationToken cancellation)
    {
        var command = replay is null ? "run" : "replay";
        using var job = JobLoader.Compile(jobPath, io, command);
        if (job is null)
        {
            return Cli.Invalid;
        }

        var kafka = HostSettings.Current.Kafka;
        var servers = args.Get("bootstrap-servers") ?? kafka.BootstrapServers;
        var topic = args.Get("input-topic") ?? job.Definition.KafkaSource?.Topic;
        string? idleError = null;
        var idle = args.Get("idle-exit") is { } text ? Duration.TryParse(text, out idleError) : null;
        if (servers is null || topic is null || (args.Get("idle-exit") is not null && idle is null))
        {
            io.Error.WriteLine(servers is null
                ? $"calc {command}: {(replay is null ? "give --input FILE to run on a file, or " : "give ")}--bootstrap-servers HOST:PORT (or the kafka.bootstrapServers setting, CALC_KAFKA__BOOTSTRAP_SERVERS) to run on Kafka; 'calc broker' starts a local one"
                : topic is null ? $"calc {command}: the job has no source.kafka.topic: add one or give --input-topic" : $"calc {command}: --idle-exit: {idleError}");
            return Cli.Invalid;
        }

        var storeOptions = StoreOptions.Parse(args.Get, job.Definition, io.Error);
        using var trace = TraceOutput.Open(args, io, out var badTrace);
        if (storeOptions is null || badTrace)
        {
            return Cli.Invalid;
        }

        if (!KafkaFirstContact.Check("calc " + command, kafka.AdminConfig(servers), servers, io.Error))
        {
            return Cli.Failure;
        }

        using var loggers = ConsoleLogging.Create();
        var runtimeOptions = new JobRuntimeOptions { Job = job.Definition, Stores = storeOptions, StateOwnsCheckpoints = true, Loggers = loggers, Report = io.Error };
        using var stores = RunCommand.OpenRuntimeAsync(runtimeOptions, io, cancellation).GetAwaiter().GetResult();
        if (stores is null)
        {
            return Cli.Failure;
        }

        var source = new KafkaJobSource
        {
            BootstrapServers = servers,
            Kafka = kafka,
            Group = args.Get("group"),
            InputTopic = topic,
            OutputTopic = args.Get("output-topic"),
            CheckpointDirectory = args.Get("checkpoint-dir") ?? Path.Combine(DataDirectory.Path, "checkpoints"),
        };
        var streaming = source.OptionsFor(job.Definition, assets);
        var replayOptions = replay is null ? null : ReplayCommand.Prepare(job, streaming, replay, io.Error);
        if (replay is not null && replayOptions is null)
        {
            return Cli.Failure;
        }

        var progressLine = replayOptions is null ? (Func<StreamProgress, string>)Line : ReplayCommand.ProgressLine();
        var options = stores.Apply(streaming with
        {
            IdleExit = idle is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            RepartitionTopic = args.Get("repartition-topic"),
            Progress = p => io.Error.WriteLine(progressLine(p)),
            Replay = replayOptions,
            AcceptEmptyState = args.Has("accept-empty-state"),
            Warning = w => io.Error.WriteLine($"calc {command}: warning: " + w),
            Trace = trace?.Log,
        }, cancellation);
        if (stores.Tsdb is not null)
        {
            io.Error.WriteLine($"calc {command}: offsets are committed only after the TSDB acknowledged the outputs");
        }

        io.Error.WriteLine($"calc {command}: job '{job.Definition.Id}' reading {topic} on {servers}, writing {options.OutputTopic}{(options.WriteBackToInput ? " and back to " + topic : "")}; Ctrl-C stops");
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var runner = new StreamingJobRunner(job, options, loggers.CreateLogger("calc"));
            var metrics = runner.Run(cancellation);
            RunSummary.Write(io.Error, job.Definition.Id, metrics, watch.Elapsed, options.OutputTopic, options.InputTopic + ".dlq", runner.RecordsFlowed, command);
            if (runner.RepartitionTopic is { } repartition)
            {
                io.Error.WriteLine($"calc {command}: re-keyed by group: {runner.Repartitioned:N0} records produced to '{repartition}' (one produce and one consume each), {runner.RepartitionDuplicates:N0} copies from a restarted forwarder dropped");
            }

            if (replayOptions is not null)
            {
                ReplayCommand.WriteSummary(io.Error, replayOptions, runner.ReplaySkipped, runner.ReplayDroppedOutputs, runner.ReplayReachedTo);
            }

            stores.WriteSummary(io.Error);
            trace?.WriteSummary(io.Error);

            return Cli.Ok;
        }
        catch (GroupPartitionsException ex)
        {
            io.Error.WriteLine($"calc {command}: " + ex.Message);
            return Cli.Invalid;
        }
        catch (ReplayGroupInUseException ex)
        {
            io.Error.WriteLine($"calc {command}: " + ex.Message);
            return Cli.Failure;
        }
        catch (CheckpointMismatchException ex)
        {
            io.Error.WriteLine($"calc {command}: " + ex.Message);
            return Cli.Failure;
        }
        catch (LanesAbandonedException ex)
        {
            // Ctrl-C while a lane was stuck on a record: the process ends, the record waits in Kafka.
            io.Error.WriteLine($"calc {command}: " + ex.Message);
            return Cli.Failure;
        }
        catch (Exception ex) when (ex is KafkaException or KafkaDeliveryException)
        {
            io.Error.WriteLine($"calc {command}: Kafka failed: {ex.Message}. Check that {servers} is reachable; records wait in Kafka and are read again from the last commit.");
            return Cli.Failure;
        }
    }

    private static string Line(StreamProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"  {p.Elapsed:hh\\:mm\\:ss}  read {p.Metrics.Read:N0}  outputs {p.Metrics.Outputs:N0}  filtered {p.Metrics.Filtered:N0}  dead-lettered {p.DeadLettered:N0}  lag {p.Lag:N0}  partitions {p.Partitions}");
}
