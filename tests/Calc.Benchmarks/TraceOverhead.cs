using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Benchmarks;

/// <summary>
/// What tracing costs the records that are not traced, <see cref="EngineBenchmarks"/>'s workload
/// (10,000 assets) measured <see cref="Interleaved"/>: a lane without a tap (as <c>calc run</c> without
/// <c>--trace</c>), a lane of a served job (a tap, nothing attached), and a tap attached to one asset
/// of the 10,000 (its lines are built and dropped). Run with
/// <c>dotnet run -c Release --project tests/Calc.Benchmarks -- trace-interleaved [rounds]</c>.
/// </summary>
internal static class TraceOverhead
{
    public static void Run(int rounds, TextWriter output)
    {
        var records = EngineBenchmarks.MakeRecords();
        var attached = new TraceTap();
        attached.TryAttach(new TraceLog(new TraceFilter("T00042"), capacity: 0));
        Interleaved.Run(
            [
                ("engine: no tap", Lane(records, null)),
                ("engine: tap, nothing attached", Lane(records, new TraceTap())),
                ("engine: tap on 1 asset of 10,000", Lane(records, attached)),
            ],
            EngineBenchmarks.Records,
            rounds,
            output);
    }

    private static Func<long> Lane(PointRecord[] records, TraceTap? tap)
    {
        var sink = new BenchEngines.NullSink();
        var lane = new JobInstance(BenchEngines.Compile(EngineBenchmarks.Job), sink) { TraceTap = tap };
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
