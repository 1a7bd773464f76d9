using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Bench;

/// <summary>
/// What <c>calc serve --isolation</c> costs a job end to end: two real <c>calc serve</c> processes (Release
/// build, data directories of their own) on the same embedded broker and pre-filled topic, one with
/// <c>--isolation none</c> (A: the job in the service's process), one with <c>--isolation all</c> (B: the
/// job in a worker process), each PUTting the same job that reads the whole topic as fast as it can; A B in
/// odd rounds, B A in even ones. Records/s from the output topic's watermarks, CPU of the service and its
/// workers from <c>/proc</c>, the worker's working set from <c>GET /jobs/{id}</c>.
/// </summary>
internal static partial class ServeMetricsBench
{
    /// <summary><c>serve-isolation [copies=80] [rounds=4] [calc]</c>.</summary>
    public static async Task<int> IsolationAsync(string[] args)
    {
        var copies = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 80;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var root = RepositoryRoot();
        var calc = args.Length > 2 ? args[2] : Path.Combine(root, "engine/Calc.Host/bin/Release/net10.0/calc");
        var fixture = Path.Combine(root, "tests/fixtures/solar-plant1-3days.ndjson");

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic(InputTopic, Partitions);
        broker.CreateTopic(OutputTopic, Partitions);
        var inputs = Fill(servers, fixture, copies);
        Console.WriteLine($"embedded broker {servers}: {inputs:N0} records in '{InputTopic}'; {Load()}");
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = servers, GroupId = "bench-watermarks" }).Build();
        var dirs = new[] { "none", "all" }.Select(m => Path.Combine(Path.GetTempPath(), $"calc-serve-isolation-bench-{m}-" + Guid.NewGuid().ToString("N"))).ToArray();
        try
        {
            var benches = new List<(Bench Bench, HttpClient Http, ServeProcess Serve)>();
            foreach (var (dir, mode) in dirs.Zip(["none", "all"]))
            {
                Directory.CreateDirectory(dir);
                var token = ServeProcess.RunToEnd(calc, dir, "token", "create", "--org", "o1", "--role", "admin", "--name", "bench");
                var serve = await ServeProcess.StartAsync(calc, dir, servers, "--isolation", mode);
                var http = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(60) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                benches.Add((new Bench(http, serve, offsets, inputs), http, serve));
                Console.WriteLine($"calc serve --isolation {mode} (pid {serve.Id}) on {serve.Address}");
            }

            var (inProcess, isolated) = (benches[0].Bench, benches[1].Bench);
            Console.WriteLine($"warm-up A: {(await inProcess.RunAsync("warm-a", null)).Describe()}");
            Console.WriteLine($"warm-up B: {(await isolated.RunAsync("warm-b", null)).Describe()}");
            var results = new List<(Run A, Run B)>();
            for (var round = 1; round <= rounds; round++)
            {
                Run a, b;
                if (round % 2 == 1)
                {
                    a = await inProcess.RunAsync($"r{round}-a", null);
                    b = await isolated.RunAsync($"r{round}-b", null);
                }
                else
                {
                    b = await isolated.RunAsync($"r{round}-b", null);
                    a = await inProcess.RunAsync($"r{round}-a", null);
                }

                results.Add((a, b));
                Console.WriteLine($"round {round} A (in-process): {a.Describe()}");
                Console.WriteLine($"round {round} B (isolated):   {b.Describe()}; worker working set up to {b.WorkerBytes / 1048576.0:F0} MB");
                Console.WriteLine(FormattableString.Invariant($"round {round}: B/A records/s {b.Rate / a.Rate:P1}, CPU per record {b.CpuPerRecord / a.CpuPerRecord:P1}"));
            }

            Console.WriteLine(FormattableString.Invariant($"median of {rounds} rounds, B/A: records/s {Median(results.Select(r => r.B.Rate / r.A.Rate)):P1}, CPU per record {Median(results.Select(r => r.B.CpuPerRecord / r.A.CpuPerRecord)):P1}; ")
                + FormattableString.Invariant($"A {Median(results.Select(r => r.A.Rate)):N0} records/s, B {Median(results.Select(r => r.B.Rate)):N0} records/s; worker working set {Median(results.Select(r => (double)r.B.WorkerBytes)) / 1048576:F0} MB (median of the maxima); {Load()}"));
            foreach (var (_, http, serve) in benches)
            {
                http.Dispose();
                await serve.DisposeAsync();
            }
        }
        finally
        {
            foreach (var dir in dirs.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        return 0;
    }
}
