using Calc.Engine.Runtime;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// <see cref="EngineBenchmarks"/>'s workload measured <see cref="Interleaved"/>, with the pipeline taken
/// apart (each step alone) to show where the time per point goes. As in the BenchmarkDotNet class,
/// passes repeat the same records: neither step holds back or drops a record for its time.
/// Run with <c>dotnet run -c Release --project tests/Calc.Benchmarks -- engine-interleaved [rounds]</c>.
/// </summary>
internal static class EngineOverhead
{
    private const string ThresholdOnly = """
        {"id":"bench","orgId":"o1","pipeline":[
          {"op":"threshold","input":"turbine::ActivePower","threshold":"[0,3700]","interpolation":"lastValue"}]}
        """;

    private const string ExpressionOnly = """
        {"id":"bench","orgId":"o1","pipeline":[
          {"op":"expression","expression":"${turbine::ActivePower} / 1000","output":"turbine::P_MW"}]}
        """;

    public static void Run(int rounds, TextWriter output)
    {
        var records = EngineBenchmarks.MakeRecords();
        var bench = new EngineBenchmarks();
        bench.Setup();
        Interleaved.Run(
            [
                ("hand-written loop (baseline)", () => (long)bench.HandWrittenLoop()),
                ("engine: threshold + expression", Lane(EngineBenchmarks.Job, records)),
                ("engine: threshold step only", Lane(ThresholdOnly, records)),
                ("engine: expression step only", Lane(ExpressionOnly, records)),
            ],
            EngineBenchmarks.Records,
            rounds,
            output);
    }

    private static Func<long> Lane(string job, PointRecord[] records)
    {
        var sink = new BenchEngines.NullSink();
        var lane = new JobInstance(BenchEngines.Compile(job), sink);
        lane.Open();
        return () =>
        {
            foreach (ref readonly var record in records.AsSpan())
            {
                lane.Process(in record);
            }

            return sink.Count;
        };
    }
}
