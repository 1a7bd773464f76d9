using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Jobs;

internal static class OutputsParser
{
    public static OutputsDefinition Parse(JsonElement outputs, ProblemList problems)
    {
        if (!JsonShape.IsObject(outputs, "outputs", problems))
        {
            return new OutputsDefinition();
        }

        JsonShape.NoUnknownFields(outputs, "outputs", problems, "kafka", "tsdb", "state");
        string? topic = null;
        var internalTopic = true;
        if (outputs.TryGetProperty("kafka", out var kafka) && JsonShape.IsObject(kafka, "outputs.kafka", problems))
        {
            JsonShape.NoUnknownFields(kafka, "outputs.kafka", problems, "topic", "internal");
            topic = JsonShape.String(kafka, "topic", "outputs.kafka", problems, required: true);
            internalTopic = JsonShape.Bool(kafka, "internal", "outputs.kafka", problems) ?? true;
        }

        var (tsdb, points) = ParseTsdb(outputs, problems);
        return new OutputsDefinition
        {
            KafkaTopic = topic,
            KafkaInternal = internalTopic,
            Tsdb = tsdb,
            TsdbPoints = points,
            State = JsonShape.Bool(outputs, "state", "outputs", problems) ?? false,
        };
    }

    private static (bool Enabled, IReadOnlyList<string> Points) ParseTsdb(JsonElement outputs, ProblemList problems)
    {
        if (!outputs.TryGetProperty("tsdb", out var tsdb))
        {
            return (false, []);
        }

        if (tsdb.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return (tsdb.GetBoolean(), []);
        }

        if (tsdb.ValueKind != JsonValueKind.Object)
        {
            problems.Add("outputs.tsdb", $"expected true, false or an object such as {{\"points\":[\"model::point\"]}}, found {JsonShape.Describe(tsdb)}");
            return (false, []);
        }

        if (!JsonShape.IsObject(tsdb, "outputs.tsdb", problems))
        {
            return (false, []);
        }

        JsonShape.NoUnknownFields(tsdb, "outputs.tsdb", problems, "points");
        var points = new List<string>();
        if (tsdb.TryGetProperty("points", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = ProblemList.Index("outputs.tsdb.points", i++);
                if (item.ValueKind == JsonValueKind.String && item.GetString()!.Contains("::", StringComparison.Ordinal))
                {
                    points.Add(item.GetString()!);
                }
                else
                {
                    problems.Add(path, "expected a point pattern like inverter::ENERGY_* or *::*");
                }
            }
        }
        else
        {
            problems.Add("outputs.tsdb.points", "expected an array of point patterns");
        }

        return (true, points);
    }
}
