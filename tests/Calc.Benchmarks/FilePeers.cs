using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Calc.Engine.Simulation;

namespace Calc.Benchmarks;

/// <summary>
/// <c>calc run</c> against its peers on one NDJSON file, in the same run: DuckDB (<c>read_ndjson</c> + GROUP BY,
/// 2 threads) and one thread of <see cref="Utf8JsonReader"/> that only sums <c>value</c> (the parse floor). The
/// work is a 1 h tumbling average per (asset, point). Rounds alternate the order; each round gives the ratios;
/// Calc's outputs are checked equal to DuckDB's (every key, to 1e-9 relative). Run with
/// <c>dotnet tests/Calc.Benchmarks/bin/Release/net10.0/Calc.Benchmarks.dll file-peers [RECORDS] [ROUNDS] [CALC]</c>.
/// </summary>
internal static class FilePeers
{
    public static void Run(int records, int rounds, string calc, TextWriter output)
    {
        var file = Path.Combine(Path.GetTempPath(), $"calc-peers-{records}.ndjson");
        if (!File.Exists(file))
        {
            output.WriteLine($"writing {records:N0} records of 1,000 simulated assets (no faults) to {file}…");
            NdjsonFileGenerator.Write(file, records, new FleetOptions { InverterCount = 800, InvertersPerSite = 40, TurbineCount = 200, TurbinesPerSite = 20, Faults = FaultRates.None });
        }

        var points = PointsOf(file);
        var job = Path.Combine(Path.GetTempPath(), "calc-peers-job.json");
        File.WriteAllText(job, Job(points));
        var bytes = new FileInfo(file).Length;
        output.WriteLine($"{records:N0} records, {bytes / 1e6:F0} MB, {points.Count} (model, point) pairs; calc = {calc}; load average {Load()}");

        var calcOut = Path.Combine(Path.GetTempPath(), "calc-peers-out.ndjson");
        var rows = new List<(double Calc, double Duck, double Parse, long CalcRss)>();
        for (var round = 0; round < rounds; round++)
        {
            double calcSeconds = 0, duckSeconds = 0, parseSeconds = 0;
            long rss = 0;
            Dictionary<string, double> duck = [];
            void RunCalc() => (calcSeconds, rss) = CalcRun(calc, job, file, calcOut);
            void RunDuck() => (duckSeconds, duck) = DuckDbPeer.Aggregate(file, threads: 2);
            void RunParse() => parseSeconds = ParseFloor(file);
            Action[] order = round % 2 == 0 ? [RunCalc, RunDuck, RunParse] : [RunParse, RunDuck, RunCalc];
            foreach (var step in order)
            {
                step();
            }

            var mismatch = Compare(Outputs(calcOut), duck);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: calc {records / calcSeconds / 1e6:F2} M/s ({rss / 1e6:F0} MB RSS), DuckDB {records / duckSeconds / 1e6:F2} M/s, parse floor {records / parseSeconds / 1e6:F2} M/s; calc/DuckDB {duckSeconds / calcSeconds:F2}, calc/parse {parseSeconds / calcSeconds:F2}; outputs {(mismatch ?? "equal")}; load {Load()}"));
            rows.Add((records / calcSeconds, records / duckSeconds, records / parseSeconds, rss));
        }

        output.WriteLine("| measure | min | median | max |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        Row(output, "calc run, M records/s", rows.Select(r => r.Calc / 1e6));
        Row(output, "DuckDB 2 threads, M records/s", rows.Select(r => r.Duck / 1e6));
        Row(output, "Utf8JsonReader parse only, 1 thread, M records/s", rows.Select(r => r.Parse / 1e6));
        Row(output, "calc / DuckDB (per round)", rows.Select(r => r.Calc / r.Duck));
        Row(output, "calc / parse floor (per round)", rows.Select(r => r.Calc / r.Parse));
        Row(output, "calc peak RSS, MB", rows.Select(r => r.CalcRss / 1e6));
    }

    /// <summary>The job: a 1 h tumbling average of every numeric point of the file, written as POINT_1H.</summary>
    private static string Job(IReadOnlyList<(string Model, string Point)> points) =>
        JsonSerializer.Serialize(new
        {
            id = "peers",
            orgId = "o1",
            template = "time-window-aggregation",
            settings = new { window = "1h" },
            policies = points.Select(p => new { input = p.Model + "::" + p.Point, aggregation = "avg", output = p.Model + "::" + p.Point + "_1H" }),
        });

    private static List<(string, string)> PointsOf(string file)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var line in File.ReadLines(file).Take(200_000))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.GetProperty("value").ValueKind == JsonValueKind.Number)
            {
                seen.Add((r.GetProperty("modelId").GetString()!, r.GetProperty("pointId").GetString()!));
            }
        }

        return [.. seen.Order()];
    }

    private static (double Seconds, long PeakRss) CalcRun(string calc, string job, string file, string output)
    {
        var start = new ProcessStartInfo(calc, ["run", job, "--input", file, "--output", output]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(process.Id));
        }

        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"calc run failed ({process.ExitCode}): {stderr.Result}");
        }

        return (seconds, peak);
    }

    /// <summary>VmHWM of /proc/PID/status: the process's peak resident memory so far (0 once it is gone).</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>One thread: read the file in 1 MB blocks, and sum every record's <c>value</c> with <see cref="Utf8JsonReader"/>.</summary>
    private static double ParseFloor(string file)
    {
        var watch = Stopwatch.StartNew();
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 20];
        int kept = 0, read;
        double sum = 0;
        while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0 || kept > 0)
        {
            var length = kept + read;
            var span = buffer.AsSpan(0, length);
            var last = read == 0 ? length : span.LastIndexOf((byte)'\n') + 1;
            foreach (var range in span[..last].Split((byte)'\n'))
            {
                sum += ValueOf(span[..last][range]);
            }

            span[last..].CopyTo(buffer);
            kept = length - last;
            if (read == 0)
            {
                break;
            }
        }

        GC.KeepAlive(sum);
        return watch.Elapsed.TotalSeconds;
    }

    private static double ValueOf(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return 0;
        }

        var reader = new Utf8JsonReader(line);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : 0;
            }
        }

        return 0;
    }

    /// <summary>Calc's last value per (asset, output point, window start).</summary>
    private static Dictionary<string, double> Outputs(string file)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var point = r.GetProperty("pointId").GetString()!;
            last[$"{r.GetProperty("assetId").GetString()}|{point[..^"_1H".Length]}|{r.GetProperty("time").GetInt64()}"] = r.GetProperty("value").GetDouble();
        }

        return last;
    }

    private static string? Compare(Dictionary<string, double> calc, Dictionary<string, double> duck)
    {
        if (calc.Count != duck.Count)
        {
            return $"DIFFER: calc {calc.Count:N0} keys, DuckDB {duck.Count:N0}";
        }

        var off = duck.Count(d => !calc.TryGetValue(d.Key, out var v) || Math.Abs(v - d.Value) > 1e-9 * Math.Max(1, Math.Abs(d.Value)));
        return off == 0 ? null : $"DIFFER in {off:N0} of {duck.Count:N0} keys";
    }

    private static void Row(TextWriter output, string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {sorted[0]:F2} | {sorted[sorted.Count / 2]:F2} | {sorted[^1]:F2} |"));
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
