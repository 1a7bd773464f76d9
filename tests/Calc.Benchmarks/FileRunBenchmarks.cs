using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Calc.Engine.Files;
using Calc.Engine.Records;
using Calc.Engine.Runtime;
using Calc.Engine.Simulation;

namespace Calc.Benchmarks;

/// <summary>
/// <c>calc run</c> on a 1 M-record NDJSON file of the simulated fleet: the whole file path (read,
/// parse, threshold + window aggregation, write NDJSON) against reading and parsing alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class FileRunBenchmarks
{
    public const int Records = 1_000_000;

    public const string Job = """
        {"id":"bench","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"inverter::AC_POWER","threshold":"[0,1500]","aggregation":"avg","output":"inverter::AC_POWER_1H"},
                     {"input":"turbine::ActivePower","threshold":"[-50,3700]","interpolation":"lastValue","aggregation":"avg","output":"turbine::POWER_1H"}]}
        """;

    private readonly string _input = Path.Combine(Path.GetTempPath(), "calc-bench-1m.ndjson");
    private CompiledJob _job = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(_input) || new FileInfo(_input).Length < 100_000_000)
        {
            NdjsonFileGenerator.Write(_input, Records);
        }

        _job = BenchEngines.Compile(Job);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long ReadAndParseOnly()
    {
        var counter = new ParseOnly();
        using var stream = File.OpenRead(_input);
        NdjsonLineReader.ReadAll(stream, counter);
        return counter.Parsed;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long RunFile()
    {
        var output = Path.Combine(Path.GetTempPath(), "calc-bench-out.ndjson");
        using var input = File.OpenRead(_input);
        using var sink = new NdjsonSink(File.Create(output));
        using var rejected = new RejectedWriter(File.Create(output + ".rejected"));
        var metrics = new FileJobRunner(new JobInstance(_job, sink), rejected).Run(input);
        return metrics.Outputs;
    }

    internal sealed class ParseOnly : NdjsonLineReader.ILineHandler
    {
        private readonly PointJsonReader _reader = new();

        public long Parsed { get; private set; }

        public void OnLine(ReadOnlySpan<byte> line, long lineNumber)
        {
            if (_reader.TryRead(line, out _).Ok)
            {
                Parsed++;
            }
        }
    }
}
