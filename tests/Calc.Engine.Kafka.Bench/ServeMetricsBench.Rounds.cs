using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Calc.Engine.Kafka.Bench;

/// <summary>One bench run of <see cref="ServeMetricsBench"/>: its rounds, scrapes and samples.</summary>
internal static partial class ServeMetricsBench
{
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
            long read = 0, lastRead = -1, workerBytes = 0;
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
                    if (status.RootElement.GetProperty("status").TryGetProperty("worker", out var worker) && worker.ValueKind == JsonValueKind.Object)
                    {
                        workerBytes = Math.Max(workerBytes, worker.GetProperty("workingSetBytes").GetInt64());
                    }

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

            return Measure(id, scrape, samples, total, scrapes, load) with { WorkerBytes = workerBytes };
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
