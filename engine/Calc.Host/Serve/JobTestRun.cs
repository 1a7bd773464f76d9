using System.Text;
using System.Text.Json.Nodes;
using Calc.Engine.Files;
using Calc.Engine.Runtime;
using Calc.Engine.Tracing;
using Calc.Sdk;

namespace Calc.Host.Serve;

/// <summary>
/// <c>POST /test</c>: runs a job over the records of a request exactly like <c>calc run</c> on a file
/// (the same reader, lane and final flush), in memory: nothing is written to Kafka, state or files.
/// </summary>
internal static class JobTestRun
{
    /// <summary>The most trace lines one response carries; more are counted in <c>traceDropped</c>.</summary>
    public const int MaxTraceLines = 10_000;

    public static JsonObject Run(CompiledJob job, IAssetDirectory assets, TestRequest test, CancellationToken cancellation, TraceFilter? trace = null)
    {
        using var input = test.Input();
        using var outputs = new MemoryStream();
        var rejectedStream = new MemoryStream();
        JobMetrics metrics;
        var log = trace is null ? null : new TraceLog(trace, MaxTraceLines);
        using (var sink = new NdjsonSink(outputs, ownsStream: false))
        using (var rejected = new RejectedWriter(rejectedStream))
        {
            metrics = new FileJobRunner(new JobInstance(job, sink, assets: assets) { TraceLog = log }, rejected).Run(input, cancellation);
            sink.Flush();
        }

        var filteredBy = new JsonObject();
        foreach (var (reason, count) in metrics.FilteredBy.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            filteredBy[reason] = count;
        }

        var perPolicy = new JsonObject();
        foreach (var (name, count) in metrics.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            perPolicy[name] = count;
        }

        var result = new JsonObject
        {
            ["job"] = job.Definition.Id,
            ["outputs"] = Lines(outputs.ToArray()),
            ["rejected"] = Lines(rejectedStream.ToArray()),
            ["summary"] = new JsonObject
            {
                ["read"] = metrics.Read,
                ["processed"] = metrics.Processed,
                ["rejected"] = metrics.Rejected,
                ["filtered"] = metrics.Filtered,
                ["filteredBy"] = filteredBy,
                ["perPolicy"] = perPolicy,
                ["outputs"] = metrics.Outputs,
                ["problems"] = new JsonArray([.. metrics.Problems.Messages.Select(m => (JsonNode?)JsonValue.Create(m))]),
            },
        };
        if (log is not null)
        {
            result["trace"] = Trace(log);
            result["traceDropped"] = log.Dropped;
        }

        return result;
    }

    private static JsonNode Trace(TraceLog log)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in log.Events)
            {
                TraceJson.Write(writer, e);
            }

            writer.WriteEndArray();
        }

        return JsonNode.Parse(buffer.ToArray())!;
    }

    private static JsonArray Lines(byte[] ndjson)
    {
        var array = new JsonArray();
        foreach (var line in Encoding.UTF8.GetString(ndjson).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            array.Add(JsonNode.Parse(line));
        }

        return array;
    }
}
