using System.Diagnostics;
using Calc.Engine.Files;
using Calc.Engine.Runtime;
using Calc.Engine.Hosting;
using Calc.Engine.Hosting.Runtime;
using Calc.Engine.Hosting.Stores;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary><c>calc run JOB.json --input … --output …</c>: one job over a bounded file, exactly as on a stream.</summary>
internal static class RunCommand
{
    private static readonly string[] Options = ["input", "output", "rejected", "assets", .. StreamRunCommand.Options, .. StoreOptions.Names, .. TraceOutput.Options];

    public static Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(StoreOptions.WithDefaults(args), Options, StreamRunCommand.Flags);
        if (parsed.Errors.Count > 0 || parsed.Positional.Count != 1)
        {
            return Task.FromResult(UsageError(parsed, io));
        }

        if (parsed.Get("input") is null)
        {
            var assets = LoadAssets(parsed.Positional[0], parsed.Get("assets"), io);
            return Task.FromResult(assets is null ? Cli.Invalid : StreamRunCommand.Run(parsed.Positional[0], parsed, assets, io, cancellation));
        }

        if (parsed.Get("output") is null)
        {
            io.Error.WriteLine("calc run: --output is required (a file, or - for stdout)");
            return Task.FromResult(Cli.Invalid);
        }

        return RunFileAsync(parsed.Positional[0], parsed, io, cancellation);
    }

    private static async Task<int> RunFileAsync(string jobPath, CliArgs args, ConsoleIo io, CancellationToken cancellation)
    {
        var input = args.Get("input")!;
        var output = args.Get("output")!;
        if (input != "-" && !File.Exists(input))
        {
            io.Error.WriteLine($"calc run: input file '{input}' not found");
            return Cli.Invalid;
        }

        var assets = LoadAssets(jobPath, args.Get("assets"), io);
        using var job = JobLoader.Compile(jobPath, io, "run");
        var storeOptions = job is null ? null : StoreOptions.Parse(args.Get, job.Definition, io.Error);
        if (job is null || assets is null || storeOptions is null)
        {
            return Cli.Invalid;
        }

        // Only once the job is known to run, so that a refused job leaves no empty trace file behind.
        using var trace = TraceOutput.Open(args, io, out var badTrace);
        if (badTrace)
        {
            return Cli.Invalid;
        }

        var rejectedPath = args.Get("rejected") ?? (output == "-" ? "rejected.ndjson" : output + ".rejected.ndjson");
        if (rejectedPath.EndsWith(".ndjson.rejected.ndjson", StringComparison.Ordinal))
        {
            rejectedPath = output[..^".ndjson".Length] + ".rejected.ndjson";
        }

        var watch = Stopwatch.StartNew();
        using var storeLoggers = ConsoleLogging.Create(Microsoft.Extensions.Logging.LogLevel.Warning);
        await using var stores = await OpenRuntimeAsync(new JobRuntimeOptions { Job = job.Definition, Stores = storeOptions, Loggers = storeLoggers, Report = io.Error }, io, cancellation);
        if (stores is null)
        {
            return Cli.Failure;
        }

        try
        {
            using var inStream = input == "-" ? Console.OpenStandardInput() : File.OpenRead(input);
            using var sink = new NdjsonSink(output == "-" ? Console.OpenStandardOutput() : File.Create(output));
            using var rejected = new RejectedWriter(File.Create(rejectedPath));
            using var loggers = ConsoleLogging.Create();
            var lane = new JobInstance(job, stores.Wrap(sink), assets: assets, loggers: loggers) { TraceLog = trace?.Log };
            var runner = new FileJobRunner(lane, rejected) { Progress = n => io.Error.WriteLine($"calc run: {n:N0} lines…"), InputObserver = stores.InputObserver };
            var metrics = runner.Run(inStream, cancellation);
            sink.Flush();
            var stored = await stores.FinishAsync(io.Error, cancellation);
            RunSummary.Write(io.Error, job.Definition.Id, metrics, watch.Elapsed, output, rejectedPath);
            stores.WriteSummary(io.Error);
            trace?.WriteSummary(io.Error);
            return stored ? Cli.Ok : Cli.Failure;
        }
        catch (IOException ex)
        {
            io.Error.WriteLine($"calc run: {ex.Message}");
            return Cli.Failure;
        }
    }

    /// <summary>The job's stores (state, TSDB, lease); null (error printed) when one cannot be opened.</summary>
    internal static async Task<JobRuntime?> OpenRuntimeAsync(JobRuntimeOptions options, ConsoleIo io, CancellationToken cancellation)
    {
        try
        {
            return await JobRuntime.OpenAsync(options, cancellation);
        }
        catch (JobRuntimeException ex)
        {
            io.Error.WriteLine($"{options.Command}: {ex.Message}");
            return null;
        }
    }

    /// <summary>The <c>--assets</c> file when given, else the metadata store's assets (see <see cref="MetadataAccess.ForRun"/>).</summary>
    internal static IAssetDirectory? LoadAssets(string jobPath, string? path, ConsoleIo io)
    {
        if (path is null)
        {
            return MetadataAccess.ForRun(jobPath, null, io);
        }

        var problems = new ProblemList();
        var assets = File.Exists(path) ? AssetFile.Load(path, problems) : null;
        if (assets is null)
        {
            io.Error.WriteLine($"calc run: assets file '{path}' not found");
            return null;
        }

        foreach (var problem in problems.Items)
        {
            io.Error.WriteLine($"calc run: {path}: {problem}");
        }

        return problems.IsEmpty ? MetadataAccess.ForRun(jobPath, assets, io) : null;
    }

    private static int UsageError(CliArgs parsed, ConsoleIo io)
    {
        foreach (var error in parsed.Errors)
        {
            io.Error.WriteLine("calc run: " + error);
        }

        io.Error.WriteLine("usage: calc run JOB.json --input POINTS.ndjson --output OUT.ndjson [--rejected REJ.ndjson] [--assets ASSETS.json] [--trace ASSET[:POINT] [--trace-from T] [--trace-to T] [--trace-out FILE]]");
        return Cli.Invalid;
    }
}
