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
internal static class ServeMetricsBench
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

        /// <summary>The CPU of this run's window beyond what <paramref name="a"/>'s CPU per record would have used, per scrape in the window (ms).</summary>
        public double ExtraCpuPerScrapeMs(Run a) => ScrapesInWindow == 0 ? 0 : (CpuPerRecord - a.CpuPerRecord) * Rate * Window / ScrapesInWindow * 1000;

        public string Describe() =>
            FormattableString.Invariant($"{Id}: {Rate,9:N0} records/s, {CpuPerRecord * 1e6,6:F2} µs CPU per record, {CpuPerSecond:F2} CPU-s/s (broker + harness {HarnessCpuPerSecond:F2})")
            + (Scraped ? FormattableString.Invariant($"; {Scrapes} scrapes, {ScrapeBytes:N0} B each, {ScrapeMsMedian:F1} ms median") : "") + "; " + Load;
    }

    private sealed class Bench(HttpClient http, ServeProcess serve, IConsumer<Ignore, Ignore> offsets, long inputs)
    {
        private int[] _partitions = [.. Enumerable.Range(0, Partitions)];
        private long _outputsPerRun;

        public double LastScrapeCpuMs { get; private set; }

        public void KeepActivePartitions() =>
            _partitions = [.. Enumerable.Range(0, Partitions).Where(p => offsets.QueryWatermarkOffsets(new TopicPartition(OutputTopic, p), TimeSpan.FromSeconds(10)).High.Value > 0)];

        public async Task<Run> RunAsync(string id, TimeSpan? scrapeEvery)
        {
            var scrape = scrapeEvery is not null;
            var before = Outputs();
            using var put = new StringContent(Job.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            (await http.PutAsync("/jobs/" + id, put)).EnsureSuccessStatusCode();
            var load = Load();
            using var stop = new CancellationTokenSource();
            var samples = new List<(double T, long Outputs, double Cpu, double Harness)>();
            var watch = Stopwatch.StartNew();
            var scraper = scrapeEvery is { } every ? ScrapeEvery(every, watch, stop.Token) : Task.FromResult(new List<(double T, long Bytes, double Ms)>());
            var nextStatus = TimeSpan.Zero;
            long read = 0, lastRead = -1;
            var stable = TimeSpan.Zero;
            while (true)
            {
                samples.Add((watch.Elapsed.TotalSeconds, Outputs() - before, serve.CpuSeconds(), HarnessCpu()));
                if (watch.Elapsed >= nextStatus)
                {
                    // Once a second (in both conditions alike): has the job read everything?
                    nextStatus = watch.Elapsed + TimeSpan.FromSeconds(1);
                    using var status = JsonDocument.Parse(await http.GetStringAsync("/jobs/" + id));
                    read = status.RootElement.GetProperty("status").GetProperty("read").GetInt64();
                    stable = read == lastRead && read > 0 ? stable + TimeSpan.FromSeconds(1) : TimeSpan.Zero;
                    lastRead = read;
                    if (read >= inputs || stable >= TimeSpan.FromSeconds(5))
                    {
                        break;
                    }

                    if (watch.Elapsed > TimeSpan.FromMinutes(5))
                    {
                        throw new InvalidOperationException($"job {id} read {read:N0} of {inputs:N0} in 5 minutes: {serve.Log}");
                    }
                }

                await Task.Delay(100);
            }

            // Outputs still in the service's producer arrive within its linger; then the job is deleted (it drains and commits).
            await Task.Delay(500);
            samples.Add((watch.Elapsed.TotalSeconds, Outputs() - before, serve.CpuSeconds(), HarnessCpu()));
            await stop.CancelAsync();
            var scrapes = await scraper;
            (await http.DeleteAsync("/jobs/" + id)).EnsureSuccessStatusCode();
            if (read != inputs)
            {
                Console.WriteLine($"  job {id} read {read:N0} of {inputs:N0} records");
            }

            var total = samples[^1].Outputs;
            _outputsPerRun = _outputsPerRun == 0 ? total : _outputsPerRun;
            if (total != _outputsPerRun)
            {
                Console.WriteLine($"  job {id} produced {total:N0} outputs, the first run {_outputsPerRun:N0}");
            }

            return Measure(id, scrape, samples, total, scrapes, load);
        }

        /// <summary>
        /// CPU per scrape: the service idle (a caught-up job, so its series are all there), its CPU over a
        /// quiet span, then over <paramref name="count"/> scrapes back to back; the difference per scrape.
        /// </summary>
        public async Task<string> ScrapeCostAsync(string id, int count)
        {
            using var put = new StringContent(Job.Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            (await http.PutAsync("/jobs/" + id, put)).EnsureSuccessStatusCode();
            var watch = Stopwatch.StartNew();
            while (JsonDocument.Parse(await http.GetStringAsync("/jobs/" + id)).RootElement.GetProperty("status").GetProperty("read").GetInt64() < inputs)
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new InvalidOperationException($"job {id} did not read the topic in 5 minutes");
                }

                await Task.Delay(1000);
            }

            await Task.Delay(3000);
            for (var i = 0; i < 50; i++)
            {
                await Scrape(); // warm
            }

            var lines = new List<string>();
            var leftOverBefore = 0;
            for (var pass = 1; pass <= 3; pass++)
            {
                var load = Load();
                var cpu = serve.CpuSeconds();
                watch.Restart();
                await Task.Delay(TimeSpan.FromSeconds(10));
                var idlePerSecond = (serve.CpuSeconds() - cpu) / watch.Elapsed.TotalSeconds;
                cpu = serve.CpuSeconds();
                watch.Restart();
                long bytes = 0;
                for (var i = 0; i < count; i++)
                {
                    bytes = (await Scrape()).Bytes;
                }

                var leftOver = pass == 1 ? DeletedJobSeries(await http.GetStringAsync("/metrics"), id) : leftOverBefore;
                leftOverBefore = leftOver;

                var wall = watch.Elapsed.TotalSeconds;
                var used = serve.CpuSeconds() - cpu - (idlePerSecond * wall);
                LastScrapeCpuMs = used / count * 1000;
                lines.Add(FormattableString.Invariant($"scrape cost ({id}), pass {pass}: {count} scrapes back to back in {wall:F2} s ({wall / count * 1000:F2} ms each), {LastScrapeCpuMs:F2} ms of service CPU per scrape ")
                    + FormattableString.Invariant($"(idle service {idlePerSecond * 1000:F1} ms CPU/s subtracted), {bytes:N0} B per response ({leftOver} series of deleted jobs); {load}"));
            }

            (await http.DeleteAsync("/jobs/" + id)).EnsureSuccessStatusCode();
            return string.Join(Environment.NewLine, lines);
        }

        private Run Measure(string id, bool scraped, List<(double T, long Outputs, double Cpu, double Harness)> samples, long total, List<(double T, long Bytes, double Ms)> scrapes, string load)
        {
            // The middle 80 % of the outputs: no job start (group join, first fetches) and no tail.
            var window = samples.Where(s => s.Outputs >= total * 0.1 && s.Outputs <= total * 0.9).ToList();
            if (window.Count < 5)
            {
                throw new InvalidOperationException($"job {id}: only {window.Count} samples in the middle of the run");
            }

            // Least squares of outputs over time: the rate, less sensitive to one late sample than the two ends.
            var mt = window.Average(s => s.T);
            var mo = window.Average(s => (double)s.Outputs);
            var slope = window.Sum(s => (s.T - mt) * (s.Outputs - mo)) / window.Sum(s => (s.T - mt) * (s.T - mt));
            var inputsPerOutput = inputs / (double)total;
            var (first, last) = (window[0], window[^1]);
            var records = (last.Outputs - first.Outputs) * inputsPerOutput;
            var cpu = last.Cpu - first.Cpu;
            return new Run(id, scraped, slope * inputsPerOutput, cpu / records, cpu / (last.T - first.T), (last.Harness - first.Harness) / (last.T - first.T), scrapes.Count,
                scrapes.Count == 0 ? 0 : scrapes[^1].Bytes, scrapes.Count == 0 ? 0 : Median(scrapes.Select(s => s.Ms)), load)
            {
                Window = last.T - first.T,
                ScrapesInWindow = scrapes.Count(s => s.T >= first.T && s.T <= last.T),
            };
        }

        /// <summary>GET /metrics every <paramref name="every"/> (1 s: a PeriodicTimer, as Prometheus keeps its interval; shorter: one after the other with that pause).</summary>
        private async Task<List<(double T, long Bytes, double Ms)>> ScrapeEvery(TimeSpan every, Stopwatch run, CancellationToken cancellation)
        {
            var scrapes = new List<(double, long, double)>();
            using var timer = new PeriodicTimer(every);
            try
            {
                while (every >= TimeSpan.FromSeconds(1) ? await timer.WaitForNextTickAsync(cancellation) : await Pause(every, cancellation))
                {
                    var (bytes, ms) = await Scrape();
                    scrapes.Add((run.Elapsed.TotalSeconds, bytes, ms));
                }
            }
            catch (OperationCanceledException)
            {
                // The run ended.
            }

            return scrapes;
        }

        private static async Task<bool> Pause(TimeSpan pause, CancellationToken cancellation)
        {
            await Task.Delay(pause, cancellation);
            return true;
        }

        /// <summary>Series of <c>calc_job_*</c> whose job is not <paramref name="current"/> (deleted jobs' latency histograms).</summary>
        private static int DeletedJobSeries(string text, string current) =>
            text.Split('\n').Count(l => l.StartsWith("calc_job_", StringComparison.Ordinal) && !l.Contains($"job=\"{current}\"", StringComparison.Ordinal));

        private static double HarnessCpu()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime.TotalSeconds;
        }

        private async Task<(long Bytes, double Ms)> Scrape()
        {
            var watch = Stopwatch.StartNew();
            var body = await http.GetByteArrayAsync("/metrics");
            return (body.LongLength, watch.Elapsed.TotalMilliseconds);
        }

        /// <summary>Outputs so far: the sum of the output topic's high watermarks over the partitions that get any.</summary>
        private long Outputs()
        {
            long sum = 0;
            foreach (var p in _partitions)
            {
                sum += offsets.QueryWatermarkOffsets(new TopicPartition(OutputTopic, p), TimeSpan.FromSeconds(10)).High.Value;
            }

            return sum;
        }
    }
}
