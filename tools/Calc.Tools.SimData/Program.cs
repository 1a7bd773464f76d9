using System.Diagnostics;
using System.Globalization;
using Calc.Engine.Simulation;

// Data for Calc's benchmarks and tests (docs/demo-data.md):
//   bench [RECORDS]                    generation and NDJSON-writing speed on one thread
//   write PATH RECORDS [SEED]          a simulated NDJSON input file (default fleet, default faults)
//   convert solar|wind CSV NDJSON      a real data file as point records
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: bench [RECORDS] | write PATH RECORDS [SEED] | convert solar|wind CSV NDJSON");
    return 2;
}

switch (args[0])
{
    case "bench":
        Bench(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000_000);
        return 0;
    case "write" when args.Length >= 3:
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var watch = Stopwatch.StartNew();
        var bytes = NdjsonFileGenerator.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), new FleetOptions { Seed = seed });
        Console.Error.WriteLine($"{args[2]} records, {bytes:N0} bytes in {watch.Elapsed.TotalSeconds:F2} s -> {args[1]}");
        return 0;
    case "convert" when args.Length == 4 && args[1] is "solar" or "wind":
        using (var csv = new StreamReader(args[2]))
        {
            var records = args[1] == "solar" ? RealDataConverter.ConvertSolarGeneration(csv) : RealDataConverter.ConvertWind(csv);
            Console.Error.WriteLine($"{NdjsonFileGenerator.WriteRecords(args[3], records)} records -> {args[3]}");
        }

        return 0;
    default:
        Console.Error.WriteLine("usage: bench [RECORDS] | write PATH RECORDS [SEED] | convert solar|wind CSV NDJSON");
        return 2;
}

static void Bench(int records)
{
    foreach (var (name, faults) in new[] { ("default faults", new FaultRates()), ("no faults", FaultRates.None) })
    {
        // 200 inverters and 100 turbines: the per-tick buffer stays small, as in a real fleet of that size.
        var simulator = new FleetSimulator(new FleetOptions { InverterCount = 200, TurbineCount = 100, Faults = faults });
        for (var run = 0; run < 3; run++)
        {
            var count = 0;
            var checksum = 0.0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var record in simulator.Generate(simulator.StartMs, long.MaxValue))
            {
                checksum += record.Value.Number;
                if (++count == records)
                {
                    break;
                }
            }

            watch.Stop();

            // CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"generate, {name}: {count:N0} records in {watch.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} s CPU"
                + $" = {count / watch.Elapsed.TotalSeconds / 1e6:F2} M records/s wall, {count / cpuSeconds / 1e6:F2} M/s CPU (sum of values {checksum:E3})");
        }
    }

    var path = Path.Combine(Path.GetTempPath(), $"calc-simdata-bench-{Environment.ProcessId}.ndjson");
    try
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var bytes = NdjsonFileGenerator.Write(path, 1_000_000);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"write NDJSON: 1,000,000 records, {bytes:N0} bytes in {watch.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} s CPU");
    }
    finally
    {
        File.Delete(path);
    }
}
