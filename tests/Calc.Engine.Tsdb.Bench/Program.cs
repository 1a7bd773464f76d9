using System.Globalization;
using Calc.Engine.Tsdb;
using Calc.Engine.Tsdb.Bench;

// Measures the TSDB writer against the raw ingest rate of the same database in the same run.
// usage: dotnet run -c Release --project tests/Calc.Engine.Tsdb.Bench -- [--assets 1000] [--times 1000] [--batch 10000]
//        [--rounds 3] [--only vm|sqlite|encode] [--max-write 100000]
var settings = Settings.Parse(args);
var points = settings.Assets * settings.Times;
Console.WriteLine($"{points:N0} points ({settings.Assets} assets x {settings.Times} times), batches of {settings.Batch:N0}, up to {settings.MaxRecordsPerWrite:N0} per write, {settings.Rounds} rounds, best round shown");
Console.WriteLine();
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| target | writer (points/s) | raw database ingest (points/s) | writer / raw | writer (points per CPU-s) | raw (points per CPU-s) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");

if (settings.Only is null or "vm")
{
    await using var vm = await VictoriaMetricsProcess.StartAsync();
    var (writer, raw) = (Rate.None, Rate.None);
    for (var round = 0; round < settings.Rounds; round++)
    {
        raw = raw.Best(await VictoriaMetricsBench.RawAsync(vm, settings, $"raw{round}"));
        writer = writer.Best(await VictoriaMetricsBench.WriterAsync(vm, settings, $"inverter{round}"));
    }

    Report("VictoriaMetrics 1.79 (HTTP line protocol)", writer, raw);
}

if (settings.Only is "encode")
{
    // Client-side cost alone: filter, coalesce and encode (no HTTP).
    var records = BenchPoints.Make(settings.Assets, settings.Times, "inverter");
    using var formatter = new LineProtocolWriter(new LineProtocolOptions());
    var rate = Rate.None;
    for (var round = 0; round < settings.Rounds; round++)
    {
        var meter = new CpuMeter();
        foreach (var batch in BenchPoints.Batches(records, settings.Batch))
        {
            _ = formatter.FormatLines(batch);
        }

        rate = rate.Best(Rate.Of(records.Length, meter));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| line-protocol encoding only | {rate.PerSecond:N0} | | | {rate.PerCpuSecond:N0} | |"));
}

if (settings.Only is null or "sqlite")
{
    var (writer, raw) = (Rate.None, Rate.None);
    for (var round = 0; round < settings.Rounds; round++)
    {
        raw = raw.Best(SqliteBench.Raw(settings));
        writer = writer.Best(await SqliteBench.WriterAsync(settings));
    }

    Report("embedded SQLite store (WAL, upsert)", writer, raw);
}

static void Report(string target, Rate writer, Rate raw) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {target} | {writer.PerSecond:N0} | {raw.PerSecond:N0} | {writer.PerSecond / raw.PerSecond:P0} | {writer.PerCpuSecond:N0} | {raw.PerCpuSecond:N0} |"));

internal sealed record Settings(int Assets, int Times, int Batch, int Rounds, string? Only, int MaxRecordsPerWrite)
{
    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Get(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Settings(Get("assets", 1000), Get("times", 1000), Get("batch", 10_000), Get("rounds", 3), values.GetValueOrDefault("only"),
            Get("max-write", TsdbWriterLoopOptions.DefaultMaxRecordsPerWrite));
    }

}

/// <summary>Points per wall-clock second and per CPU-second (Calc and the database process together).</summary>
internal readonly record struct Rate(double PerSecond, double PerCpuSecond)
{
    public static Rate None => default;

    public static Rate Of(long points, CpuMeter meter) => new(points / meter.Wall.TotalSeconds, points / meter.Cpu.TotalSeconds);

    public Rate Best(Rate other) => new(Math.Max(PerSecond, other.PerSecond), Math.Max(PerCpuSecond, other.PerCpuSecond));
}
