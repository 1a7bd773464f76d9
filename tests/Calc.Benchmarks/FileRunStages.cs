using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Files;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// Where the time of a file run goes: reading + parsing alone, the lane alone (records parsed in
/// advance), and the whole <see cref="FileJobRunner"/> (both stages on two threads, plus writing).
/// Wall time and process CPU time per record, best of N runs.
/// Run with <c>dotnet run -c Release --project tests/Calc.Benchmarks -- filerun-stages FILE [runs]</c>.
/// </summary>
internal static class FileRunStages
{
    public static void Run(string path, int runs, TextWriter output)
    {
        var job = BenchEngines.Compile(FileRunBenchmarks.Job);
        var records = ParseAll(path);
        output.WriteLine($"{records.Count:N0} records from {path}; best of {runs} runs; ns per record (wall / process CPU)");
        Report(output, "read + parse (one thread)", records.Count, runs, () => ParseOnly(path));
        Report(output, "lane only (parsed in advance)", records.Count, runs, () => LaneOnly(job, records));
        Report(output, "whole FileJobRunner (2 threads, writes output)", records.Count, runs, () => Whole(job, path));
    }

    private static void Report(TextWriter output, string name, int count, int runs, Action run)
    {
        var best = (Wall: double.MaxValue, Cpu: double.MaxValue);
        for (var i = 0; i < runs; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            run();
            var wall = watch.Elapsed.TotalNanoseconds / count;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / count;
            best = (Math.Min(best.Wall, wall), Math.Min(best.Cpu, used));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {best.Wall:F0} | {best.Cpu:F0} | {1e9 / best.Wall / 1e3:F0} k/s |"));
    }

    private static List<PointRecord> ParseAll(string path)
    {
        var reader = new PointJsonReader();
        var records = new List<PointRecord>();
        foreach (var line in File.ReadLines(path))
        {
            if (reader.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var record).Ok)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static void ParseOnly(string path)
    {
        using var stream = File.OpenRead(path);
        NdjsonLineReader.ReadAll(stream, new FileRunBenchmarks.ParseOnly());
    }

    private static void LaneOnly(CompiledJob job, List<PointRecord> records)
    {
        var lane = new JobInstance(job, new BenchEngines.NullSink());
        lane.Open();
        foreach (var record in records)
        {
            lane.Process(in record);
        }

        lane.FlushAll();
        lane.Close();
    }

    private static void Whole(CompiledJob job, string path)
    {
        var output = Path.Combine(Path.GetTempPath(), "calc-stages-out.ndjson");
        using var input = File.OpenRead(path);
        using var sink = new NdjsonSink(File.Create(output));
        using var rejected = new RejectedWriter(File.Create(output + ".rejected"));
        new FileJobRunner(new JobInstance(job, sink), rejected).Run(input);
    }
}
