using System.Text;

namespace Calc.Engine.Tsdb.Bench;

internal static class VictoriaMetricsBench
{
    /// <summary>The writer loop with the line-protocol writer (default options) from prepared batches.</summary>
    public static async Task<Rate> WriterAsync(VictoriaMetricsProcess vm, Settings settings, string model)
    {
        var records = BenchPoints.Make(settings.Assets, settings.Times, model);
        var source = new ListSource(BenchPoints.Batches(records, settings.Batch).Select(b => new TsdbBatch(b)).ToList());
        using var writer = new LineProtocolWriter(new LineProtocolOptions { Url = vm.Url });
        var loop = new TsdbWriterLoop(source, writer, new TsdbWriterLoopOptions { MaxRecordsPerWrite = settings.MaxRecordsPerWrite });
        var meter = new CpuMeter(vm.Pid);
        await loop.RunAsync(default);
        Check(writer.Counters.Written == records.Length && loop.Stats.FailedAttempts == 0, "writer did not write every point");
        return Rate.Of(records.Length, meter);
    }

    /// <summary>Plain HTTP POSTs of prebuilt line-protocol bodies of the same points, as many in parallel as the writer uses.</summary>
    public static async Task<Rate> RawAsync(VictoriaMetricsProcess vm, Settings settings, string model)
    {
        var records = BenchPoints.Make(settings.Assets, settings.Times, model);
        List<byte[]> bodies;
        using (var formatter = new LineProtocolWriter(new LineProtocolOptions { Url = vm.Url }))
        {
            bodies = BenchPoints.Batches(records, settings.Batch).Select(b => Encoding.UTF8.GetBytes(formatter.FormatLines(b))).ToList();
        }

        using var http = new HttpClient();
        var writeUrl = new Uri(vm.Url, "/write?precision=ms");
        var meter = new CpuMeter(vm.Pid);
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = LineProtocolOptions.DefaultMaxParallelRequests }, async (body, ct) =>
        {
            using var content = new ByteArrayContent(body);
            using var response = await http.PostAsync(writeUrl, content, ct);
            response.EnsureSuccessStatusCode();
        });
        return Rate.Of(records.Length, meter);
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
