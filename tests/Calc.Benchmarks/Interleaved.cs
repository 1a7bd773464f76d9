using System.Diagnostics;
using System.Globalization;

namespace Calc.Benchmarks;

/// <summary>
/// Variants of one workload measured interleaved (each round runs all of them, in a rotating order)
/// with the calling thread's CPU time as well as wall time, so that load from other processes on a
/// shared machine hits every variant alike. Each measurement is <see cref="Passes"/> passes over the
/// records (about 0.1 s).
/// Reports min and median ns per record; the first variant is the baseline.
/// </summary>
internal static class Interleaved
{
    private const int Passes = 4;

    public static void Run(IReadOnlyList<(string Name, Func<long> Pass)> variants, int recordsPerPass, int rounds, TextWriter output)
    {
        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        var allocated = new double[variants.Count];
        for (var round = -3; round < rounds; round++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (k + Math.Max(round, 0)) % variants.Count;
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
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
                    wall[v].Add(elapsed / recordsPerPass);
                    cpu[v].Add(cpuNs / recordsPerPass);
                    allocated[v] = Math.Max(allocated[v], (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (double)(Passes * recordsPerPass));
                }
            }
        }

        output.WriteLine($"{rounds} interleaved rounds of {Passes} x {recordsPerPass:N0} records per variant; ns per record; points/s on one core = 1e9 / CPU median");
        output.WriteLine("| variant | wall min | wall median | CPU min | CPU median | points/s (CPU median) | bytes per record (max) | vs first (CPU median) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var v = 0; v < variants.Count; v++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variants[v].Name} | {wall[v].Min():F1} | {Median(wall[v]):F1} | {cpu[v].Min():F1} | {Median(cpu[v]):F1} | {1e9 / Median(cpu[v]) / 1e6:F2} M | {allocated[v]:F2} | {Percent(Median(cpu[v]), Median(cpu[0]))} |"));
        }
    }

    private static string Percent(double value, double baseline) =>
        Math.Round((value / baseline) - 1, 3).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// CPU time of the calling thread, ns: Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, which counts the
    /// running slice up to the call (to the nanosecond; <c>/proc/thread-self/schedstat</c> only advances at
    /// scheduler ticks, 4 ms here, which is 10 ns per record on the engine workload); NaN elsewhere.
    /// </summary>
    private static double ThreadCpuNs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }

        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1e9) + time.Nanoseconds : double.NaN;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
