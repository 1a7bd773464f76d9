using System.Globalization;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Kafka;
using Calc.Engine.Plugins;
using Calc.Host.Commands;
using Microsoft.Extensions.Logging;

namespace Calc.Host.Serve;

/// <summary>
/// <c>calc serve</c>: runs every stored job that has a Kafka source, each on its own thread, and the
/// REST API; Ctrl-C / SIGTERM stops the API, then every job (each drains, checkpoints and commits), exit 0.
/// </summary>
internal static class ServeCommand
{
    private const string UsageText = "usage: calc serve [--bootstrap-servers HOST:PORT] [--listen 127.0.0.1:8080] [--group-prefix P] [--tsdb [URL] [--tsdb-topic T] [--tsdb-points P,…]] [--state [redis://HOST:PORT]] [--inactivity-timeout 5m | MODEL=5m,…] [--ready-tsdb-behind 60s] [--stop-timeout 10s] [--stall-timeout 60s] [--max-compiles N] [--compile-wait 2s] [--isolation none|untrusted|all] [--worker-memory 1GB] [--tls-cert CERT.pem --tls-key KEY.pem] [--insecure-local]";

    public static async Task<int> RunAsync(string[] args, ConsoleIo io, CancellationToken cancellation)
    {
        var parsed = CliArgs.Parse(StoreOptions.WithDefaults(args), ["bootstrap-servers", "listen", "group-prefix", "tsdb", "tsdb-topic", "tsdb-points", "state", "inactivity-timeout", "ready-tsdb-behind", "stop-timeout", "stall-timeout", "max-compiles", "compile-wait", "isolation", "worker-memory", "tls-cert", "tls-key"], ["insecure-local"]);
        var settings = HostSettings.Current;
        var listen = parsed.Get("listen") ?? settings.Serve.Listen ?? ServeOptions.DefaultListen;
        if (parsed.Errors.Count > 0 || parsed.Positional.Count > 0 || !ValidListen(listen))
        {
            return SubCommand.Usage(io, "serve", parsed.Errors.Count > 0 ? parsed : null,
                (ValidListen(listen) ? "" : $"calc serve: --listen '{listen}' is not HOST:PORT (e.g. 127.0.0.1:8080; port 0 picks a free one)\n") + UsageText);
        }

        if (parsed.Has("insecure-local") && !LoopbackListen(listen))
        {
            io.Error.WriteLine($"calc serve: --insecure-local serves requests without a token, so it needs a loopback --listen (127.0.0.1:PORT, [::1]:PORT or localhost:PORT), not '{listen}': create tokens with 'calc token create' instead");
            return Cli.Invalid;
        }

        using var certificate = ServeTls.Load(parsed.Get("tls-cert") ?? settings.Serve.TlsCert, parsed.Get("tls-key") ?? settings.Serve.TlsKey, out var tlsProblem);
        if (tlsProblem is not null)
        {
            io.Error.WriteLine("calc serve: " + tlsProblem);
            return Cli.Invalid;
        }

        var error = TextWriter.Synchronized(io.Error);
        using var broker = Servers(parsed, settings.Kafka, error, out var servers);
        var kafka = broker is null ? settings.Kafka : new KafkaSettings();
        if (broker is null && servers is not null && !KafkaFirstContact.Check("calc serve", kafka.AdminConfig(servers), servers, error))
        {
            return Cli.Failure;
        }

        var store = servers is null ? null : MetadataAccess.Open(io, "serve");
        if (store is null || servers is null)
        {
            return Cli.Failure;
        }

        using var service = HostSettings.UseForService(settings);

        // The embedded broker's topics die with it: checkpoints of its offsets must not outlive it either.
        var checkpoints = broker is null ? Path.Combine(DataDirectory.Path, "checkpoints") : Path.Combine(Path.GetTempPath(), "calc-serve-" + Guid.NewGuid().ToString("N"));
        // Each is checked (and reported) on its own, so that one run lists every problem of these two.
        var isolation = Isolation(parsed, error);
        var workerMemory = WorkerMemory(parsed, error);
        if (Positive(parsed, "stop-timeout", Calc.Engine.Kafka.StreamingOptions.DefaultStopTimeout, error) is not { } stopTimeout
            || Positive(parsed, "stall-timeout", TimeSpan.FromSeconds(60), error) is not { } stallTimeout
            || Positive(parsed, "compile-wait", ServeOptions.DefaultCompileWait, error) is not { } compileWait
            || MaxCompiles(parsed, error) is not { } maxCompiles
            || isolation is null
            || workerMemory is null)
        {
            return Cli.Invalid;
        }

        var options = new ServeOptions
        {
            BootstrapServers = servers,
            Kafka = kafka,
            GroupPrefix = parsed.Get("group-prefix") ?? settings.Serve.GroupPrefix ?? "",
            CheckpointDirectory = checkpoints,
            InsecureLocal = parsed.Has("insecure-local"),
            Certificate = certificate,
            StopTimeout = stopTimeout,
            StallTimeout = stallTimeout,
            MaxConcurrentCompiles = maxCompiles,
            CompileWait = compileWait,
            Isolation = isolation.Value,
            WorkerCommand = ServeWorkerCommand.DefaultCommand(),
            WorkerMemoryLimit = workerMemory.Value,
        };
        try
        {
            return await Serve(listen, options, new StoreGate(store), Tsdb(parsed, servers, kafka), parsed, error, cancellation);
        }
        finally
        {
            if (broker is not null && Directory.Exists(checkpoints))
            {
                Directory.Delete(checkpoints, recursive: true);
            }
        }
    }

    private static async Task<int> Serve(string listen, ServeOptions options, StoreGate store, Func<ILogger, TopicTsdbWriter>? tsdb, CliArgs args, TextWriter error, CancellationToken cancellation)
    {
        using var gate = store;
        using var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()), options.MaxConcurrentCompiles, options.CompileWait, options.Time);
        using var loggers = ConsoleLogging.Create();
        ServeState? state = null;
        if (args.Get("state") is null && args.Get("inactivity-timeout") is not null)
        {
            error.WriteLine("calc serve: --inactivity-timeout has no effect without --state (connection status is part of device state)");
        }

        try
        {
            if (args.Get("state") is not null)
            {
                var storeOptions = StoreOptions.Parse(args.Get, null, error, "calc serve") ?? throw new ArgumentException("invalid --state or --inactivity-timeout (see above)");
                state = await ServeState.OpenAsync(storeOptions, options.BootstrapServers, options.Kafka, loggers, cancellation);
            }
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"calc serve: --state: {ex.Message}. Start it without --state, or point --state at a reachable redis://HOST:PORT");
            return Cli.Failure;
        }

        // Disposed after the jobs and the API (declared before them): the jobs' last records are in it.
        await using var stateScope = state;
        if (state is not null)
        {
            error.WriteLine($"calc serve: device state (latest values, connection status, site roll-ups) in {state.Description}");
        }

        if (ReadyTsdbBehind(args, error) is not { } tsdbLimit)
        {
            return Cli.Failure;
        }

        // The TSDB writer starts before the jobs: a topic they have not created yet is waited for, not fatal.
        using var writer = StartTsdb(tsdb, loggers.CreateLogger("calc.tsdb"), error, out var writing);
        using var metrics = new ServeMetrics();
        var context = new ServeContext(options, compiler, gate, loggers, error.WriteLine, state, metrics) { Tsdb = writer };
        var jobs = new JobSupervisor(context);
        jobs.StartAll();
        using var health = new ServeHealth(jobs, options.BootstrapServers, options.Kafka, error.WriteLine)
        {
            State = state?.Services,
            Tsdb = writer is null ? null : (writer, () => writing.Running),
            TsdbBehindLimit = tsdbLimit,
            StallTimeout = options.StallTimeout,
        };
        metrics.Observe(jobs, writer, state?.Services);
        await using var app = ServeApi.Build(listen, jobs, context, health);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (IOException ex)
        {
            error.WriteLine($"calc serve: cannot listen on {listen}: {ex.Message}. Choose another --listen address");
            await jobs.StopAllAsync();
            await writing.Stop();
            return Cli.Failure;
        }

        var statuses = jobs.Statuses();
        var stopped = statuses.Count(s => s.Source is not null && s.State == "stopped");
        error.WriteLine(options.InsecureLocal
            ? "calc serve: --insecure-local: requests from loopback without a token are served as admin of every org"
            : "calc serve: every request needs an API token (Authorization: Bearer …; 'calc token create' makes one)");
        error.WriteLine($"calc serve: REST API on {string.Join(", ", app.Urls)}; {statuses.Count} stored job(s), {statuses.Count(s => s.Source is not null)} on Kafka at {options.BootstrapServers}"
            + (stopped == 0 ? "" : $" ({stopped} left stopped by POST /jobs/{{id}}/stop: POST /jobs/{{id}}/start runs them)") + "; Ctrl-C stops");
        // The web host handles SIGINT/SIGTERM itself (it stops the API): either that or the caller's token stops the service.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, app.Lifetime.ApplicationStopping);
        var watching = WatchHealth(health, stopping.Token);
        await ReportUntilCancelled(jobs, options.ProgressInterval, error, stopping.Token);
        await watching;
        error.WriteLine($"calc serve: stopping {jobs.Statuses().Count(s => s.State != "stopped")} job(s); each drains what it read and commits");
        await app.StopAsync(CancellationToken.None);
        await jobs.StopAllAsync();
        await writing.Stop();
        error.WriteLine("calc serve: stopped");
        return Cli.Ok;
    }

    /// <summary>With <c>--tsdb</c>: how to make the in-process writer of the output topic into the TSDB.</summary>
    private static Func<ILogger, TopicTsdbWriter>? Tsdb(CliArgs args, string servers, KafkaSettings kafka)
    {
        if (args.Get("tsdb") is not { } flag)
        {
            return null;
        }

        var url = StoreOptions.TsdbAddress(flag);
        var topic = args.Get("tsdb-topic") ?? Calc.Engine.Kafka.StreamingOptions.DefaultOutputTopic;
        var points = args.Get("tsdb-points")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return logger => TopicTsdbWriter.Create(servers, kafka, topic, SinkCli.DefaultGroup, url, points, null, logger);
    }

    /// <summary>Starts the TSDB writer when configured; <paramref name="writing"/> stops it after the jobs (what it has not read waits in Kafka).</summary>
    private static TopicTsdbWriter? StartTsdb(Func<ILogger, TopicTsdbWriter>? create, ILogger logger, TextWriter error, out TsdbWriting writing)
    {
        writing = new TsdbWriting(null, null);
        if (create is null)
        {
            return null;
        }

        TopicTsdbWriter writer;
        try
        {
            writer = create(logger);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"calc serve: --tsdb: {ex.Message}; serving WITHOUT a TSDB writer (outputs wait in Kafka): restart with a valid --tsdb URL, or run 'calc sink tsdb'");
            return null;
        }

        var stop = new CancellationTokenSource();
        writing = new TsdbWriting(writer.RunGuardedAsync(stop.Token), stop);
        error.WriteLine($"calc serve: writing the output topic to {writer.Description} (consumer group {SinkCli.DefaultGroup})");
        return writer;
    }

    /// <summary>The bootstrap servers from the option or the kafka.bootstrapServers setting, else an embedded broker (returned, to dispose at the end).</summary>
    private static EmbeddedKafkaBroker? Servers(CliArgs args, KafkaSettings kafka, TextWriter error, out string? servers)
    {
        servers = args.Get("bootstrap-servers") ?? kafka.BootstrapServers;
        if (servers is not null)
        {
            return null;
        }

        var broker = new EmbeddedKafkaBroker();
        try
        {
            servers = broker.Start();
        }
        catch (InvalidOperationException ex)
        {
            broker.Dispose();
            error.WriteLine($"calc serve: no --bootstrap-servers or kafka.bootstrapServers setting, and the embedded broker did not start: {ex.Message}");
            return null;
        }

        error.WriteLine($"calc serve: no --bootstrap-servers or kafka.bootstrapServers setting: embedded Kafka broker at {servers} (produce to it there; it keeps ~5 MB per partition, nothing survives a stop)");
        return broker;
    }

    /// <summary><c>--ready-tsdb-behind</c>: how long the TSDB writer may wait on unacknowledged points before /health/ready fails (default 60 s); null after an error line.</summary>
    private static TimeSpan? ReadyTsdbBehind(CliArgs args, TextWriter error)
    {
        if (args.Get("ready-tsdb-behind") is not { } text)
        {
            return TimeSpan.FromSeconds(60);
        }

        if (Calc.Sdk.Duration.TryParse(text, out var problem) is { } ms && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        error.WriteLine($"calc serve: --ready-tsdb-behind '{text}': {problem ?? "must be more than 0"} (e.g. 60s or 5m)");
        return null;
    }

    /// <summary>A duration option (<c>--stop-timeout 10s</c>) that must be more than 0; null after an error line.</summary>
    private static int? MaxCompiles(CliArgs args, TextWriter error)
    {
        if (args.Get("max-compiles") is not { } text)
        {
            return ServeOptions.DefaultMaxConcurrentCompiles;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        error.WriteLine($"calc serve: --max-compiles '{text}' must be a whole number of 1 or more (how many job compiles run at once; default the processor count, {ServeOptions.DefaultMaxConcurrentCompiles} here)");
        return null;
    }

    /// <summary><c>--isolation none|untrusted|all</c>: which jobs run in a worker process; null after an error line.</summary>
    private static Calc.Engine.Hosting.Serve.Isolation.JobIsolation? Isolation(CliArgs args, TextWriter error)
    {
        var text = args.Get("isolation");
        switch (text)
        {
            case null:
                return ServeOptions.DefaultIsolation;
            case "none":
                return Calc.Engine.Hosting.Serve.Isolation.JobIsolation.None;
            case "untrusted":
                return Calc.Engine.Hosting.Serve.Isolation.JobIsolation.Untrusted;
            case "all":
                return Calc.Engine.Hosting.Serve.Isolation.JobIsolation.All;
            default:
                error.WriteLine($"calc serve: --isolation '{text}' must be none (every job in this process), untrusted (jobs with a C# script or an installed plugin each in a worker process) or all (every job in a worker process)");
                return null;
        }
    }

    /// <summary><c>--worker-memory 1GB</c>: each worker process's heap limit (a whole number of KB, MB or GB, at least 64 MB); null after an error line.</summary>
    private static long? WorkerMemory(CliArgs args, TextWriter error)
    {
        if (args.Get("worker-memory") is not { } text)
        {
            return ServeOptions.DefaultWorkerMemoryLimit;
        }

        var upper = text.Trim().ToUpperInvariant();
        var (digits, unit) = upper.EndsWith("GB", StringComparison.Ordinal) ? (upper[..^2], 1L << 30)
            : upper.EndsWith("MB", StringComparison.Ordinal) ? (upper[..^2], 1L << 20)
            : upper.EndsWith("KB", StringComparison.Ordinal) ? (upper[..^2], 1L << 10)
            : (upper, 0L);
        if (unit > 0 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= (1L << 40) / unit && n * unit >= 64L << 20)
        {
            return n * unit;
        }

        error.WriteLine($"calc serve: --worker-memory '{text}' must be a whole number of KB, MB or GB of at least 64 MB (e.g. 512MB or 2GB): the heap limit of each isolated job's worker process");
        return null;
    }

    private static TimeSpan? Positive(CliArgs args, string name, TimeSpan fallback, TextWriter error)
    {
        if (args.Get(name) is not { } text)
        {
            return fallback;
        }

        if (Calc.Sdk.Duration.TryParse(text, out var problem) is { } ms && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        error.WriteLine($"calc serve: --{name} '{text}': {problem ?? "must be more than 0"} (e.g. 10s or 1m)");
        return null;
    }

    /// <summary>Checks the health every 2 s so that each change is logged once, even when nobody asks /health/ready.</summary>
    private static async Task WatchHealth(ServeHealth health, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                await health.CheckAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The service stops.
        }
    }

    private static async Task ReportUntilCancelled(JobSupervisor jobs, TimeSpan interval, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellation);
                foreach (var s in jobs.Statuses())
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {s.Id}  v{s.Version}  {s.State}  read {s.Read:N0}  outputs {s.Outputs:N0}  lag {s.Lag:N0}  partitions {s.Partitions}{(s.Error is null ? "" : "  error: " + s.Error)}"));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C / SIGTERM: the service stops.
        }
    }

    private static bool LoopbackListen(string listen)
    {
        var host = listen[..Math.Max(0, listen.LastIndexOf(':'))].Trim('[', ']');
        return host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    private static bool ValidListen(string listen)
    {
        var colon = listen.LastIndexOf(':');
        return colon > 0 && int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535;
    }

    /// <summary>The running TSDB writer, if any.</summary>
    private sealed record TsdbWriting(Task? Running, CancellationTokenSource? StopSource)
    {
        public async Task Stop()
        {
            if (Running is null || StopSource is null)
            {
                return;
            }

            // Give the writer a moment to take what the jobs produced while draining.
            await Task.WhenAny(Running, Task.Delay(TimeSpan.FromSeconds(3)));
            await StopSource.CancelAsync();
            await Running;
            StopSource.Dispose();
        }
    }
}
