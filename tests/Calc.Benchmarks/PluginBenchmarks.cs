using System.Globalization;
using Acme.PowerCurve;
using BenchmarkDotNet.Attributes;
using Calc.Engine;
using Calc.Engine.Plugins;
using Calc.Engine.Runtime;
using Calc.Sdk;
using Calc.Sdk.Testing;

namespace Calc.Benchmarks;

/// <summary>
/// The cost of running an operator as a plugin: the sample <c>acme.power-curve</c> operator on 1,000
/// turbines × 100 ten-minute steps (wind speed and power records), (1) compiled into the engine (its
/// factory registered directly: no load context, no guard), (2) loaded from a plugin folder as
/// <c>calc run</c> loads it (<see cref="PluginDirectoryLoader"/>: own non-collectible context, guarded),
/// (3) the same without the guard (to separate the two), and (4) loaded by <see cref="PluginCatalog"/>
/// as a long-running engine loads it (collectible context, so that old versions can be unloaded; guarded).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class PluginBenchmarks
{
    public const int Assets = 1_000;
    public const int Steps = 100;
    public const int Records = Assets * Steps * 2;

    private const string Job = """
        {"id":"bench","orgId":"o1","pipeline":[{"op":"acme.power-curve","params":{
          "windSpeed":"turbine::WindSpeed","power":"turbine::ActivePower",
          "curve":[[3,16],[5,336],[7,1016],[9,2144],[11,3272],[13,3600],[25,3600]],
          "expectedOutput":"turbine::ExpectedPower","deviationOutput":"turbine::PowerDeviation","flagOutput":"turbine::UnderPerforming"}}]}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "calc-bench-plugins-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    private PointRecord[] _records = [];
    private BenchEngines.NullSink _sink = null!;
    private Lane _direct = null!;
    private Lane _plugin = null!;
    private Lane _pluginUnguarded = null!;
    private Lane _catalog = null!;
    private PluginCatalog _pluginCatalog = null!;
    private PluginLease _lease = null!;

    [GlobalSetup]
    public void Setup()
    {
        _records = MakeRecords();
        _sink = new BenchEngines.NullSink();

        var direct = new OperatorRegistry();
        direct.Register(PluginFactories.Get(new PowerCurvePlugin(), PowerCurvePlugin.OperatorId), null, "acme.wind", "compiled-in");
        _direct = NewLane(direct);

        var loaded = LoadFromFolder();
        _plugin = NewLane(loaded);

        loaded.TryGet(PowerCurvePlugin.OperatorId, out var registered);
        var unguarded = new OperatorRegistry();
        unguarded.Register(((PluginOperatorFactory)registered.Factory).Inner, null, "acme.wind", "unguarded");
        _pluginUnguarded = NewLane(unguarded);

        _pluginCatalog = new PluginCatalog([_root]);
        _lease = _pluginCatalog.Acquire();
        _catalog = NewLane(_lease.Registry);

        // Twice each: the second pass must compute as much as the first (no record skipped as late).
        long[] counts = [Direct() + Direct(), Plugin() + Plugin(), PluginWithoutGuard() + PluginWithoutGuard(), Catalog() + Catalog()];
        if (counts.Any(c => c != Records * 3))
        {
            throw new InvalidOperationException($"the four ways disagree: {string.Join(", ", counts)}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lease.Dispose();
        _pluginCatalog.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records, Description = "compiled into the engine")]
    public long Direct() => Run(_direct);

    [Benchmark(OperationsPerInvoke = Records, Description = "plugin as calc run loads it (own context + guard)")]
    public long Plugin() => Run(_plugin);

    [Benchmark(OperationsPerInvoke = Records, Description = "plugin, own context, no guard")]
    public long PluginWithoutGuard() => Run(_pluginUnguarded);

    [Benchmark(OperationsPerInvoke = Records, Description = "plugin from PluginCatalog (collectible context + guard)")]
    public long Catalog() => Run(_catalog);

    /// <summary>One pass over the records, shifted in time after the previous pass so that nothing is late.</summary>
    private long Run(Lane lane)
    {
        var before = _sink.Count;
        var offset = lane.NextOffset;
        foreach (ref readonly var record in _records.AsSpan())
        {
            lane.Instance.Process(record with { Time = record.Time + offset });
        }

        lane.NextOffset += Steps * 600_000L;
        return _sink.Count - before;
    }

    private Lane NewLane(OperatorRegistry registry)
    {
        var problems = new ProblemList();
        var job = CalcEngine.Create(registry, TestCompilers.Default).Compile(Job, problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems.Items));
        var lane = new JobInstance(job, _sink);
        lane.Open();
        return new Lane(lane);
    }

    private sealed class Lane(JobInstance instance)
    {
        public JobInstance Instance => instance;

        public long NextOffset { get; set; }
    }

    /// <summary>Installs the built plugin as an admin would (<c>&lt;root&gt;/acme.wind/1.0.0/</c>) and loads it with the engine's loader.</summary>
    private OperatorRegistry LoadFromFolder()
    {
        var folder = Path.Combine(_root, "acme.wind", "1.0.0");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Acme.PowerCurve.dll"), Path.Combine(folder, "Acme.PowerCurve.dll"), overwrite: true);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "acme.wind.calc-plugin.json"), Path.Combine(folder, "calc-plugin.json"), overwrite: true);
        var registry = new OperatorRegistry();
        var problems = new ProblemList();
        new PluginDirectoryLoader(registry, [_root]).LoadAll(problems);
        return problems.IsEmpty ? registry : throw new InvalidOperationException(string.Join("; ", problems.Items));
    }

    private static PointRecord[] MakeRecords()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, Assets).Select(i => $"WTG{i:D5}").ToArray();
        var records = new PointRecord[Records];
        var n = 0;
        for (var step = 0; step < Steps; step++)
        {
            var time = 1_514_764_800_000 + (step * 600_000L);
            foreach (var id in ids)
            {
                var wind = random.NextDouble() * 20;
                records[n++] = new PointRecord { OrgId = "o1", ModelId = "turbine", AssetId = id, PointId = "ActivePower", Time = time, Value = PointValue.FromNumber(random.Next(0, 3600)) };
                records[n++] = new PointRecord { OrgId = "o1", ModelId = "turbine", AssetId = id, PointId = "WindSpeed", Time = time, Value = PointValue.FromNumber(wind) };
            }
        }

        return records;
    }
}
