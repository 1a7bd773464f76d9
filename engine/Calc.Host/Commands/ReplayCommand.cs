using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Engine.Runtime;
using Calc.Engine.Kafka;
using Calc.Engine.Tsdb;
using Confluent.Kafka;

namespace Calc.Host.Commands;

/// <summary>
/// <c>calc replay JOB.json --from TIME [--to TIME]</c>: recomputes a Kafka job from a point in time. Operator state
/// restarts empty at the start of the day containing TIME (<see cref="ReplayStart"/>), every partition is read again
/// from Kafka's offsets-for-times of that instant, records before it are skipped, and the outputs (upserts) overwrite
/// the old ones wherever the job writes. The first checkpoint replaces the job's old checkpoints and commits the
/// group's new offsets, so a replay stopped before it leaves the job as it was.
/// </summary>
internal static class ReplayCommand
{
    private const string UsageText = "usage: calc replay JOB.json --from TIME [--to TIME] [--bootstrap-servers HOST:PORT] [--group G] [--input-topic T] [--output-topic T] [--idle-exit DURATION] [--assets ASSETS.json] [--tsdb URL|--no-tsdb] [--state URL]";

    private static readonly TimeSpan KafkaTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Options = ["from", "to", "assets", .. StreamRunCommand.Options, .. StoreOptions.Names, .. TraceOutput.Options];

    public static int Run(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(StoreOptions.WithDefaults(args), Options);
        var from = parsed.GetTime("from", required: true);
        var to = parsed.GetTime("to");
        if (from is not null && to is not null && to <= from)
        {
            parsed.Errors.Add($"--to {parsed.Get("to")} is not after --from {parsed.Get("from")}");
        }

        if (parsed.Errors.Count > 0 || parsed.Positional.Count != 1)
        {
            if (parsed.Positional.Count != 1)
            {
                parsed.Errors.Add("give exactly one job file");
            }

            return SubCommand.Usage(io, "replay", parsed, UsageText);
        }

        var assets = RunCommand.LoadAssets(parsed.Positional[0], parsed.Get("assets"), io);
        return assets is null ? Cli.Invalid : StreamRunCommand.Run(parsed.Positional[0], parsed, assets, io, new ReplayRequest(from!.Value, to), cancellation);
    }

    /// <summary>Decides where state restarts and asks Kafka where each partition starts; null (reported) when Kafka cannot say.</summary>
    public static ReplayOptions? Prepare(CompiledJob job, StreamingOptions streaming, ReplayRequest request, TextWriter error)
    {
        var start = ReplayStart.For(job.Definition, request.FromMs, out var zones);
        Dictionary<int, long> offsets;
        try
        {
            offsets = ReplayOffsets.ForTime(streaming.Consumer, streaming.InputTopic, start, KafkaTimeout);
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            error.WriteLine($"calc replay: could not find the offsets of {Iso(start)} in {streaming.InputTopic}: {ex.Message}");
            return null;
        }

        var days = string.Join(" / ", zones.Select(z => z.Id));
        error.WriteLine($"calc replay: state restarts empty at {Iso(start)}, the start of the day ({days}) containing {Iso(request.FromMs)}; records with an earlier event time are skipped");
        error.WriteLine($"calc replay: reading {streaming.InputTopic} again from Kafka's offsets for that time: {string.Join(", ", offsets.OrderBy(o => o.Key).Select(o => $"partition {o.Key} @ {o.Value}"))}; the job's checkpoints and group offsets are replaced at the first checkpoint");
        if (request.ToMs is { } to)
        {
            error.WriteLine($"calc replay: stops once every partition read past {Iso(to)} or reached its end");
            if (ReplayStart.Straddling(job, start) is { Count: > 0 } straddling)
            {
                error.WriteLine($"calc replay: warning: windows that do not divide the day can begin before {Iso(start)} ({string.Join("; ", straddling)}): the replay leaves their old values, "
                    + "but the next 'calc run' continues them from the replay's checkpoint with only their records after it; replay with --idle-exit instead of --to to keep the old values");
            }
        }

        return new ReplayOptions { StartOffsets = offsets, FromMs = start, ToMs = request.ToMs };
    }

    /// <summary>A progress line: the event time the slowest asset reached, records read and the rate since the last line.</summary>
    public static Func<StreamProgress, string> ProgressLine()
    {
        var lastRead = 0L;
        var last = Stopwatch.GetTimestamp();
        return p =>
        {
            var now = Stopwatch.GetTimestamp();
            var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(last, now).TotalSeconds);
            var rate = (p.Metrics.Read - lastRead) / seconds;
            lastRead = p.Metrics.Read;
            last = now;
            var reached = p.OldestWatermarkMs < 0 ? "-" : Iso(p.OldestWatermarkMs);
            return string.Create(CultureInfo.InvariantCulture,
                $"  {p.Elapsed:hh\\:mm\\:ss}  replay at {reached}  read {p.Metrics.Read:N0} ({rate:N0}/s)  skipped {p.ReplaySkipped:N0}  outputs {p.Metrics.Outputs:N0}  lag {p.Lag:N0}{(p.ReplayCaughtUp ? "  caught up: running as the live job" : "")}");
        };
    }

    public static void WriteSummary(TextWriter error, ReplayOptions replay, long skipped, long dropped, bool reachedTo)
    {
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calc replay: recomputed from {Iso(replay.FromMs)}; {skipped:N0} records before it were skipped (their outputs are left as they were)"));
        if (dropped > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"calc replay: {dropped:N0} outputs dated before {Iso(replay.FromMs)} (of windows that began before it) were not written: their old values stand"));
        }

        if (reachedTo && replay.ToMs is { } to)
        {
            error.WriteLine($"calc replay: every partition is past {Iso(to)} or at its end; windows still open are in the checkpoint, and the next 'calc run' of the job continues from there");
        }
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
