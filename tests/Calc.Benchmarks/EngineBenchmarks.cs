using BenchmarkDotNet.Attributes;
using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// Engine core: an in-memory source of 10,000 assets through a threshold step and one expression
/// step (SPEC §2.1), against a hand-written loop doing the same arithmetic.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const int Assets = 10_000;
    public const int Records = Assets * 10;

    public const string Job = """
        {"id":"bench","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,3700]","interpolation":"lastValue"},
          {"op":"expression","expression":"${turbine::ActivePower} / 1000","output":"turbine::P_MW"}]}
        """;

    private PointRecord[] _records = [];
    private JobInstance _lane = null!;
    private BenchEngines.NullSink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        _records = MakeRecords();
        _sink = new BenchEngines.NullSink();
        _lane = new JobInstance(BenchEngines.Compile(Job), _sink);
        _lane.Open();
        Engine();
    }

    /// <summary>10 records per asset, ten minutes apart, asset after asset; about 5 % outside the threshold.</summary>
    public static PointRecord[] MakeRecords()
    {
        var random = new Random(1);
        var records = new PointRecord[Records];
        var ids = Enumerable.Range(0, Assets).Select(i => $"T{i:D5}").ToArray();
        for (var i = 0; i < Records; i++)
        {
            records[i] = new PointRecord
            {
                OrgId = "o1", ModelId = "turbine", AssetId = ids[i % Assets], PointId = "ActivePower",
                Time = 1_514_764_800_000 + (i / Assets * 600_000L), Value = PointValue.FromNumber(random.Next(-100, 3800)),
            };
        }

        return records;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public double HandWrittenLoop()
    {
        var last = new Dictionary<string, double>(Assets, StringComparer.Ordinal);
        double sum = 0;
        foreach (ref readonly var record in _records.AsSpan())
        {
            var value = record.Value.Number;
            if (value is >= 0 and <= 3700)
            {
                last[record.AssetId] = value;
            }
            else if (!last.TryGetValue(record.AssetId, out value))
            {
                continue;
            }

            sum += value / 1000;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long Engine()
    {
        foreach (ref readonly var record in _records.AsSpan())
        {
            _lane.Process(in record);
        }

        return _sink.Count;
    }
}
