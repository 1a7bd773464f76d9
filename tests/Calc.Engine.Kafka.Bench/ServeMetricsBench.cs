using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Bench;

/// <summary>
/// What <c>GET /metrics</c> costs a served job: a real <c>calc serve</c> process (Release build) on the
/// embedded broker (in this process) reads a pre-filled topic of the real solar plant data as fast as it
/// can, with no scraper (A), with a scraper doing <c>GET /metrics</c> every second with an admin token
/// (B), and with scrapes one after the other 10 ms apart (C: ~70 a second, so that what a scrape costs
/// under load rises above the machine's noise), in the order A B C / C B A, alternating round by round,
/// in the same run. Throughput is measured without asking the service anything: the output topic's high
/// watermarks (one output per AC_POWER record) sampled every 100 ms, and the service's CPU time from
/// <c>/proc/PID/stat</c>. Then what one scrape costs: CPU ms per scrape (3000 back to back against an
/// idle job, minus the idle CPU) and its size, before the rounds and after.
/// </summary>
internal static partial class ServeMetricsBench
{
    private const string InputTopic = "points";
    private const string OutputTopic = "out";
    private const int Partitions = 24;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hammer = TimeSpan.FromMilliseconds(10);

    // One output per AC_POWER record (threshold [0,1500] with lastValue replaces the out-of-range ones).
    private const string Job = """
        {"id":"ID","orgId":"o1","pipeline":[
          {"op":"threshold","input":"inverter::AC_POWER","threshold":"[0,1500]","interpolation":"lastValue"},
          {"op":"expression","expression":"${inverter::AC_POWER} / 1000","output":"inverter::AC_POWER_KW"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"out","internal":false}}}
        """;

    /// <summary><c>serve-metrics [copies=80] [rounds=10] [calc=engine/Calc.Host/bin/Release/net10.0/calc]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var copies = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 80;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var root = RepositoryRoot();
        var calc = args.Length > 2 ? args[2] : Path.Combine(root, "engine/Calc.Host/bin/Release/net10.0/calc");
        var fixture = Path.Combine(root, "tests/fixtures/solar-plant1-3days.ndjson");

        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic(InputTopic, Partitions);
        broker.CreateTopic(OutputTopic, Partitions);
        var watch = Stopwatch.StartNew();
        var inputs = Fill(servers, fixture, copies);
        Console.WriteLine($"embedded broker {servers}: {inputs:N0} records in '{InputTopic}' ({copies} copies of {Path.GetFileName(fixture)}, each shifted by its span) in {watch.Elapsed.TotalSeconds:F1} s; {Load()}");
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = servers, GroupId = "bench-watermarks" }).Build();
        var lost = LowWatermarks(offsets, InputTopic);
        if (lost > 0)
        {
            Console.WriteLine($"the broker dropped {lost:N0} of the oldest records (it keeps ~5 MB per partition): use fewer copies");
            return 1;
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "calc-serve-metrics-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            var token = ServeProcess.RunToEnd(calc, dataDir, "token", "create", "--org", "o1", "--role", "admin", "--name", "prometheus");
            await using var serve = await ServeProcess.StartAsync(calc, dataDir, servers);
            using var http = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Console.WriteLine($"calc serve (pid {serve.Id}) on {serve.Address}, scraping with an admin token");
            var bench = new Bench(http, serve, offsets, inputs);

            // Warm-up: JIT of the job's path and of the exporter's; the partitions that get outputs are found.
            var warm = await bench.RunAsync("warm", Every);
            Console.WriteLine($"warm-up: {warm.Describe()}");
            bench.KeepActivePartitions();
            Console.WriteLine(await bench.ScrapeCostAsync("idle-first", 3000));
            var firstCost = bench.LastScrapeCpuMs;

            var results = new List<(Run A, Run B, Run C)>();
            for (var round = 1; round <= rounds; round++)
            {
                // A B C in odd rounds, C B A in even ones: a drift of the machine's load during a round hits all alike.
                Run a, b, c;
                if (round % 2 == 1)
                {
                    a = await bench.RunAsync($"r{round}-a", null);
                    b = await bench.RunAsync($"r{round}-b", Every);
                    c = await bench.RunAsync($"r{round}-c", Hammer);
                }
                else
                {
                    c = await bench.RunAsync($"r{round}-c", Hammer);
                    b = await bench.RunAsync($"r{round}-b", Every);
                    a = await bench.RunAsync($"r{round}-a", null);
                }

                results.Add((a, b, c));
                Console.WriteLine($"round {round} A (no scrape):    {a.Describe()}");
                Console.WriteLine($"round {round} B (scrape 1 s):   {b.Describe()}");
                Console.WriteLine($"round {round} C (scrape 10 ms): {c.Describe()}");
                Console.WriteLine(FormattableString.Invariant($"round {round}: B/A records/s {b.Rate / a.Rate:P1}, CPU per record {b.CpuPerRecord / a.CpuPerRecord:P1}; ")
                    + FormattableString.Invariant($"C/A records/s {c.Rate / a.Rate:P1}, CPU per record {c.CpuPerRecord / a.CpuPerRecord:P1}, {c.ExtraCpuPerScrapeMs(a):F2} ms CPU per scrape under load"));
            }

            var rate = Median(results.Select(r => r.B.Rate / r.A.Rate));
            var cpu = Median(results.Select(r => r.B.CpuPerRecord / r.A.CpuPerRecord));
            Console.WriteLine(FormattableString.Invariant($"median of {rounds} rounds, B/A: records/s {rate:P1} (throughput cost {1 - rate:P1}), CPU per record {cpu:P1} (+{cpu - 1:P1}); ")
                + FormattableString.Invariant($"A {Median(results.Select(r => r.A.Rate)):N0} records/s, {Median(results.Select(r => r.A.CpuPerSecond)):F2} CPU-s/s"));

            var pooled = results.Sum(r => r.B.Rate) / results.Sum(r => r.A.Rate);
            Console.WriteLine(FormattableString.Invariant($"mean records/s over the rounds, B/A: {pooled:P1}"));
            Console.WriteLine(FormattableString.Invariant($"C (scrape every 10 ms), median: records/s {Median(results.Select(r => r.C.Rate / r.A.Rate)):P1}, CPU per record {Median(results.Select(r => r.C.CpuPerRecord / r.A.CpuPerRecord)):P1}, ")
                + FormattableString.Invariant($"{Median(results.Select(r => r.C.ExtraCpuPerScrapeMs(r.A))):F2} ms of CPU per scrape under load ({Median(results.Select(r => r.C.ScrapesInWindow / r.C.Window)):F0} scrapes/s)"));

            // Again at the end: each deleted job's latency histogram series stay until the service restarts, so the response has grown.
            Console.WriteLine(await bench.ScrapeCostAsync("idle-last", 3000));
            var cpuPerSecond = Median(results.Select(r => r.A.CpuPerSecond));
            var underLoad = Median(results.Select(r => r.C.ExtraCpuPerScrapeMs(r.A)));
            Console.WriteLine(FormattableString.Invariant($"one scrape a second = {firstCost:F2} ms (idle, first) / {bench.LastScrapeCpuMs:F2} ms (idle, last) / {underLoad:F2} ms (under load, C) of CPU per second = ")
                + FormattableString.Invariant($"{firstCost / 1000 / cpuPerSecond:P2} / {bench.LastScrapeCpuMs / 1000 / cpuPerSecond:P2} / {underLoad / 1000 / cpuPerSecond:P2} of the CPU the service used at full speed (A, {cpuPerSecond:F2} CPU-s/s)"));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }

        return 0;
    }

    /// <summary>The fixture's records, <paramref name="copies"/> times, each copy's times shifted by the fixture's span (a longer history of the same plant); keyed by asset like <c>KafkaPointSink</c>.</summary>
    private static long Fill(string servers, string fixture, int copies)
    {
        var lines = new List<(byte[] Key, string Before, long Time, string After)>();
        long first = long.MaxValue, last = long.MinValue;
        foreach (var line in File.ReadLines(fixture))
        {
            using var doc = JsonDocument.Parse(line);
            var time = doc.RootElement.GetProperty("time").GetInt64();
            var at = line.IndexOf("\"time\":", StringComparison.Ordinal) + 7;
            var end = at;
            while (end < line.Length && char.IsAsciiDigit(line[end]))
            {
                end++;
            }

            lines.Add((Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("assetId").GetString()!), line[..at], time, line[end..]));
            (first, last) = (Math.Min(first, time), Math.Max(last, time));
        }

        var span = last - first + 900_000;
        var config = new ProducerConfig { BootstrapServers = servers, LingerMs = 5, BatchNumMessages = 10_000, CompressionType = CompressionType.Lz4 };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var (key, before, time, after) in lines)
            {
                var value = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{before}{time + (copy * span)}{after}"));
                while (true)
                {
                    try
                    {
                        producer.Produce(InputTopic, new Message<byte[], byte[]> { Key = key, Value = value });
                        break;
                    }
                    catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(50));
                    }
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return (long)lines.Count * copies;
    }

    private static long LowWatermarks(IConsumer<Ignore, Ignore> offsets, string topic)
    {
        long low = 0;
        for (var p = 0; p < Partitions; p++)
        {
            low += offsets.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value;
        }

        return low;
    }

    internal static string Load() => "load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository (Directory.Packages.props not found above " + AppContext.BaseDirectory + ")");
    }

    /// <summary>One served job's run over the whole topic: records/s and CPU per record over the middle 80 % of its outputs.</summary>
    internal sealed record Run(string Id, bool Scraped, double Rate, double CpuPerRecord, double CpuPerSecond, double HarnessCpuPerSecond, int Scrapes, long ScrapeBytes, double ScrapeMsMedian, string Load)
    {
        /// <summary>The measured window (s) and the scrapes answered in it.</summary>
        public double Window { get; init; }

        public int ScrapesInWindow { get; init; }

        /// <summary>The largest working set of the job's worker process seen in <c>GET /jobs/{id}</c> (0 in the service's process).</summary>
        public long WorkerBytes { get; init; }

        /// <summary>The CPU of this run's window beyond what <paramref name="a"/>'s CPU per record would have used, per scrape in the window (ms).</summary>
        public double ExtraCpuPerScrapeMs(Run a) => ScrapesInWindow == 0 ? 0 : (CpuPerRecord - a.CpuPerRecord) * Rate * Window / ScrapesInWindow * 1000;

        public string Describe() =>
            FormattableString.Invariant($"{Id}: {Rate,9:N0} records/s, {CpuPerRecord * 1e6,6:F2} µs CPU per record, {CpuPerSecond:F2} CPU-s/s (broker + harness {HarnessCpuPerSecond:F2})")
            + (Scraped ? FormattableString.Invariant($"; {Scrapes} scrapes, {ScrapeBytes:N0} B each, {ScrapeMsMedian:F1} ms median") : "") + "; " + Load;
    }
}
