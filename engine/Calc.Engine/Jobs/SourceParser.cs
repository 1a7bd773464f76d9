using System.Text.Json;
using Calc.Sdk;

namespace Calc.Engine.Jobs;

internal static class SourceParser
{
    public static KafkaSourceDefinition? Parse(JsonElement source, ProblemList problems)
    {
        if (!JsonShape.IsObject(source, "source", problems))
        {
            return null;
        }

        JsonShape.NoUnknownFields(source, "source", problems, "kafka");
        if (!source.TryGetProperty("kafka", out var kafka) || !JsonShape.IsObject(kafka, "source.kafka", problems))
        {
            return null;
        }

        JsonShape.NoUnknownFields(kafka, "source.kafka", problems, "topic", "group");
        var topic = JsonShape.String(kafka, "topic", "source.kafka", problems, required: true);
        var group = JsonShape.String(kafka, "group", "source.kafka", problems, required: false);
        return topic is null ? null : new KafkaSourceDefinition(topic, group);
    }
}
