using System.Diagnostics;
using System.Globalization;
using Calc.Engine;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Templates.Energy.Bench;

// Drives each of the five built-in templates through the engine (JobInstance, one lane, one thread)
// with an in-memory source of pre-built records and a counting sink. Usage: [assets] [minutes per pass] [passes]
var assets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

var engine = LoadEngine();
const string Settings = "\"timeZone\":\"Europe/Berlin\",\"detailInterval\":\"15m\"";
const string EnergyOutputs = ",\"dailyOutput\":\"inverter::ENERGY_DAY\",\"detailOutput\":\"inverter::ENERGY_15M\"";
var jobs = new (string Template, string Settings, string Policy, bool Meter)[]
{
    ("energy-by-meter-reading", Settings, "\"input\":\"inverter::TOTAL_YIELD\",\"slope\":\"[0,2000]\"" + EnergyOutputs, true),
    ("energy-by-instant-power", Settings + ",\"maxGap\":\"1h\"", "\"input\":\"inverter::AC_POWER\",\"threshold\":\"[0,1500]\",\"interpolation\":\"lastValue\"" + EnergyOutputs, false),
    ("energy-by-average-power", Settings + ",\"maxGap\":\"1h\"", "\"input\":\"inverter::AC_POWER\",\"threshold\":\"[0,1500]\",\"interpolation\":\"lastValue\"" + EnergyOutputs, false),
    ("time-window-aggregation", "\"window\":\"15m\"", "\"input\":\"inverter::AC_POWER\",\"threshold\":\"[0,1500]\",\"interpolation\":\"lastValue\",\"aggregation\":\"avg\",\"output\":\"inverter::AC_POWER_15M\"", false),
    ("multi-point-merging", "\"trigger\":\"point\"", "\"expression\":\"${inverter::AC_POWER} / 1000\",\"output\":\"inverter::AC_POWER_KW\"", false),
};

Console.WriteLine($"{assets} assets x {steps} minutes per pass, {passes} timed passes after 1 warm-up pass; energy: daily + 15m detail outputs; windows: 15m avg; merging: one expression per point");
Console.WriteLine("template                   points/s(wall) points/s(cpu) bytes/point outputs/point");
foreach (var job in jobs)
{
    var json = $"{{\"id\":\"bench\",\"orgId\":\"o1\",\"template\":\"{job.Template}\",\"settings\":{{{job.Settings}}},\"policies\":[{{{job.Policy}}}]}}";
    var problems = new ProblemList();
    var compiled = engine.Compile(json, problems) ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
    var sink = new CountingSink();
    var lane = new JobInstance(compiled, sink);
    lane.Open();
    var workload = new Workload(assets, steps, job.Meter);
    var start = DateTimeOffset.Parse("2020-05-15T20:00:00+02:00", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    workload.Fill(0, start);
    Run(lane, workload.Records);

    long points = 0;
    long bytes = 0;
    var outputsBefore = sink.Count;
    var elapsed = TimeSpan.Zero;
    var cpu = 0.0;
    for (var pass = 1; pass <= passes; pass++)
    {
        workload.Fill(pass, start);
        var cpuBefore = ThreadCpu.Seconds();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Run(lane, workload.Records);
        elapsed += watch.Elapsed;
        bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu += ThreadCpu.Seconds() - cpuBefore;
        points += workload.Records.Length;
    }

    lane.FlushAll();
    var rate = points / elapsed.TotalSeconds;
    var cpuRate = points / cpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{job.Template,-26} {rate,14:N0} {cpuRate,13:N0} {(double)bytes / points,11:F2} {(double)(sink.Count - outputsBefore) / points,13:F2}"));
}

Directory.Delete(PluginRoot(), recursive: true);

static void Run(JobInstance lane, PointRecord[] records)
{
    for (var i = 0; i < records.Length; i++)
    {
        lane.Process(in records[i]);
    }
}

static string PluginRoot() => Path.Combine(Path.GetTempPath(), "calc-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

static CalcEngine LoadEngine()
{
    // The template pack is loaded like any plugin: its own folder, manifest and load context.
    var root = PluginRoot();
    foreach (var pack in new[] { "Energy", "Windows", "Merging" })
    {
        var folder = Path.Combine(root, pack);
        Directory.CreateDirectory(folder);
        var project = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "templates", "Calc.Templates." + pack);
        File.Copy(Path.Combine(AppContext.BaseDirectory, $"Calc.Templates.{pack}.dll"), Path.Combine(folder, $"Calc.Templates.{pack}.dll"), overwrite: true);
        File.Copy(Path.Combine(project, "calc-plugin.json"), Path.Combine(folder, "calc-plugin.json"), overwrite: true);
    }

    var problems = new ProblemList();
    var compilers = new Dictionary<ExpressionLanguage, IExpressionCompiler> { [ExpressionLanguage.NCalc] = new Calc.Engine.Expressions.NCalcExpressionCompiler() };
    var engine = CalcEngine.Create(new CalcEngineOptions { PluginRoots = [root], Compilers = compilers }, problems);
    return problems.IsEmpty ? engine : throw new InvalidOperationException(string.Join("; ", problems.Items));
}
