using System.Text;
using System.Text.Json;
using Calc.Engine.Records;
using Calc.Engine.Tsdb;
using Calc.Sdk;

namespace Calc.Host.Commands;

/// <summary>Prints query results as a table, a JSON array of point records, or CSV.</summary>
internal static class QueryFormatter
{
    public static void Write(TextWriter output, IReadOnlyList<TsdbSample> samples, TsdbQuery query, QueryFormat format)
    {
        switch (format)
        {
            case QueryFormat.Json:
                WriteJson(output, samples, query);
                break;
            case QueryFormat.Csv:
                WriteCsv(output, samples, query);
                break;
            default:
                WriteTable(output, samples, query);
                break;
        }
    }

    private static string ValueHeader(TsdbQuery query) =>
        query.Aggregation is { } aggregation ? aggregation.ToString().ToLowerInvariant() : "value";

    private static void WriteTable(TextWriter output, IReadOnlyList<TsdbSample> samples, TsdbQuery query)
    {
        if (samples.Count == 0)
        {
            output.WriteLine($"no points of {query.PointId} for asset {query.AssetId}{(query.OrgId is null ? "" : " in org " + query.OrgId)} in the range");
            return;
        }

        var header = ValueHeader(query);
        var bucket = query.Every is { } every ? $", {header} per {Duration.Format(every)}" : "";
        var start = 0;
        while (start < samples.Count)
        {
            var end = start;
            while (end < samples.Count && SameSeries(samples[start], samples[end]))
            {
                end++;
            }

            var first = samples[start];
            if (start > 0)
            {
                output.WriteLine();
            }

            output.WriteLine($"{first.ModelId}::{first.PointId} of {first.AssetId} (org {first.OrgId}){bucket}");
            output.WriteLine($"{"time",-24}  {header}");
            for (var i = start; i < end; i++)
            {
                output.WriteLine($"{TsdbTime.Format(samples[i].Time),-24}  {samples[i].Value}");
            }

            output.WriteLine($"({end - start} {(end - start == 1 ? "row" : "rows")})");
            start = end;
        }
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<TsdbSample> samples, TsdbQuery query)
    {
        var attr = query.Aggregation is { } aggregation
            ? PointAttributes.Parse($"{{\"aggregation\":\"{aggregation.ToString().ToLowerInvariant()}\",\"every\":\"{Duration.Format(query.Every!.Value)}\"}}")
            : null;
        using var buffer = new MemoryStream();
        output.Write('[');
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var record = new PointRecord
            {
                OrgId = sample.OrgId,
                ModelId = sample.ModelId,
                AssetId = sample.AssetId,
                PointId = sample.PointId,
                Time = sample.Time,
                Value = sample.Value,
                Attr = attr,
            };
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                PointJsonWriter.Write(writer, record);
            }

            output.Write(i == 0 ? "\n" : ",\n");
            output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        output.WriteLine(samples.Count == 0 ? "]" : "\n]");
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<TsdbSample> samples, TsdbQuery query)
    {
        output.WriteLine($"orgId,modelId,assetId,pointId,time,{ValueHeader(query)}");
        foreach (var sample in samples)
        {
            output.Write(Csv(sample.OrgId));
            output.Write(',');
            output.Write(Csv(sample.ModelId));
            output.Write(',');
            output.Write(Csv(sample.AssetId));
            output.Write(',');
            output.Write(Csv(sample.PointId));
            output.Write(',');
            output.Write(TsdbTime.Format(sample.Time));
            output.Write(',');
            output.WriteLine(sample.Value.IsNull ? "" : Csv(sample.Value.ToString()));
        }
    }

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool SameSeries(in TsdbSample a, in TsdbSample b) =>
        string.Equals(a.OrgId, b.OrgId, StringComparison.Ordinal) && string.Equals(a.ModelId, b.ModelId, StringComparison.Ordinal);
}
