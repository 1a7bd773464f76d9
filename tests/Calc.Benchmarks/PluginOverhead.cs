using System.Diagnostics;
using System.Globalization;

namespace Calc.Benchmarks;

/// <summary>
/// The <see cref="PluginBenchmarks"/> variants measured interleaved (each round runs all of them,
/// in a rotating order) with the calling thread's CPU time as well as wall time, so that load from
/// other processes on a shared machine hits every variant alike. Each measurement is
/// <see cref="Passes"/> passes over the records (about 0.1 s), because the thread CPU clock advances in
/// scheduler ticks (4 ms here). Reports min and median ns per record.
/// Run with <c>dotnet run -c Release --project tests/Calc.Benchmarks -- plugins-interleaved [rounds]</c>.
/// </summary>
internal static class PluginOverhead
{
    private const int Passes = 4;

    public static void Run(int rounds, TextWriter output)
    {
        var bench = new PluginBenchmarks();
        bench.Setup();
        var variants = new (string Name, Func<long> Pass)[]
        {
            ("compiled into the engine", bench.Direct),
            ("plugin as calc run loads it (own context + guard)", bench.Plugin),
            ("plugin, own context, no guard", bench.PluginWithoutGuard),
            ("plugin from PluginCatalog (collectible context + guard)", bench.Catalog),
        };
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + Math.Max(round, 0)) % variants.Length;
                var cpuBefore = ThreadCpuNs();
                var watch = Stopwatch.StartNew();
                for (var pass = 0; pass < Passes; pass++)
                {
                    variants[v].Pass();
                }

                var elapsed = watch.Elapsed.TotalNanoseconds / Passes;
                var cpuNs = (ThreadCpuNs() - cpuBefore) / Passes;
                if (round >= 0)
                {
                    wall[v].Add(elapsed / PluginBenchmarks.Records);
                    cpu[v].Add(cpuNs / PluginBenchmarks.Records);
                }
            }
        }

        bench.Cleanup();
        output.WriteLine($"{rounds} interleaved rounds of {Passes} x {PluginBenchmarks.Records:N0} records per variant; ns per record");
        output.WriteLine("| variant | wall min | wall median | CPU min | CPU median | vs compiled-in (wall min / wall median / CPU median) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var v = 0; v < variants.Length; v++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variants[v].Name} | {wall[v].Min():F1} | {Median(wall[v]):F1} | {cpu[v].Min():F1} | {Median(cpu[v]):F1} | {Percent(wall[v].Min(), wall[0].Min())} / {Percent(Median(wall[v]), Median(wall[0]))} / {Percent(Median(cpu[v]), Median(cpu[0]))} |"));
        }
    }

    private static string Percent(double value, double baseline) =>
        Math.Round((value / baseline) - 1, 3).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>CPU time of the calling thread, ns (Linux <c>/proc/thread-self/schedstat</c>); NaN elsewhere.</summary>
    private static double ThreadCpuNs()
    {
        const string path = "/proc/thread-self/schedstat";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        var text = File.ReadAllText(path);
        return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }
}
