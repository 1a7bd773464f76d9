using System.Text.Json;
using Calc.Engine.Tracing;

namespace Calc.Engine.Explaining;

/// <summary>
/// An explanation as JSON, the one shape of <c>calc explain --json</c> and the served <c>explain</c> endpoint:
/// <c>{"job","assetId","point","time","at","findings":[…],"step":{…},"from","to","values":[…],"inputs":[…],
/// "nearest":[…],"lines":[trace lines],"linesLeftOut"}</c>.
/// </summary>
public static class ExplainJson
{
    public static void Write(Utf8JsonWriter writer, Explanation e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteStartObject();
        writer.WriteString("job", e.JobId);
        writer.WriteString("assetId", e.Query.AssetId);
        writer.WriteString("point", e.Query.Point.ToString());
        writer.WriteNumber("time", e.Query.Time);
        writer.WriteString("at", TraceJson.Iso(e.Query.Time));
        writer.WriteStartArray("findings");
        foreach (var finding in e.Findings)
        {
            writer.WriteStringValue(finding);
        }

        writer.WriteEndArray();
        if (e.Step is { } step)
        {
            writer.WriteStartObject("step");
            writer.WriteNumber("index", step.Index);
            writer.WriteString("path", step.Path);
            writer.WriteString("operator", step.Operator);
            writer.WriteStartArray("inputs");
            foreach (var input in step.Inputs)
            {
                writer.WriteStringValue(input);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            Time(writer, "from", e.From == long.MinValue ? null : e.From);
            Time(writer, "to", e.To);
        }

        Values(writer, "values", e.Values);
        writer.WriteStartArray("inputs");
        foreach (var input in e.Inputs)
        {
            writer.WriteStartObject();
            writer.WriteString("point", input.Point);
            writer.WriteNumber("records", input.Records);
            writer.WriteStartObject("verdicts");
            foreach (var (verdict, count) in input.Verdicts)
            {
                writer.WriteNumber(verdict, count);
            }

            writer.WriteEndObject();
            Time(writer, "first", input.First);
            Time(writer, "last", input.Last);
            Time(writer, "lastBefore", input.LastBefore);
            writer.WriteString("lastBeforeValue", input.LastBeforeValue);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Values(writer, "nearest", e.Nearest);
        writer.WriteStartArray("lines");
        foreach (var line in e.Lines)
        {
            TraceJson.Write(writer, line);
        }

        writer.WriteEndArray();
        writer.WriteNumber("linesLeftOut", e.LinesLeftOut);
        writer.WriteEndObject();
    }

    private static void Values(Utf8JsonWriter writer, string name, IReadOnlyList<ExplainedValue> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStartObject();
            writer.WriteNumber("time", value.Time);
            writer.WritePropertyName("value");
            Records.PointJsonWriter.WriteValue(writer, value.Value);
            writer.WriteString("calMode", Records.PointJsonWriter.CalModeName(value.CalMode));
            writer.WriteString("cause", value.Cause);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Time(Utf8JsonWriter writer, string name, long? time)
    {
        if (time is { } t)
        {
            writer.WriteNumber(name, t);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
