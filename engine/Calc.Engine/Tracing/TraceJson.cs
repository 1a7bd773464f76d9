using System.Globalization;
using System.Text.Json;

namespace Calc.Engine.Tracing;

/// <summary>
/// A trace line as JSON, the one shape of every surface (<c>calc run --trace-out</c> NDJSON, the
/// <c>trace</c> of <c>POST /jobs/{id}/test?trace=</c>): <c>{"assetId","point","time","at","value","step",
/// "stepPath","operator","kind","detail","watermark"}</c>, times in epoch ms with <c>at</c> the record's
/// time in ISO-8601 UTC, <c>kind</c> in camelCase (<c>passed</c>, <c>filtered</c>, <c>tooLate</c>…).
/// </summary>
public static class TraceJson
{
    /// <summary>Writes <paramref name="e"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, TraceEvent e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteStartObject();
        writer.WriteString("assetId", e.AssetId);
        writer.WriteString("point", e.Point);
        writer.WriteNumber("time", e.Time);
        writer.WriteString("at", Iso(e.Time));
        writer.WriteString("value", e.Value);
        writer.WriteNumber("step", e.Step);
        writer.WriteString("stepPath", e.StepPath);
        writer.WriteString("operator", e.Operator);
        writer.WriteString("kind", KindName(e.Kind));
        writer.WriteString("detail", e.Detail);
        if (e.Watermark is { } watermark)
        {
            writer.WriteNumber("watermark", watermark);
        }
        else
        {
            writer.WriteNull("watermark");
        }

        writer.WriteEndObject();
    }

    /// <summary>The kind as written in JSON and tables: <c>passed</c>, <c>filtered</c>, <c>tooLate</c>….</summary>
    public static string KindName(Calc.Sdk.TraceKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>A time as the trace prints it: ISO-8601 UTC with milliseconds when there are any.</summary>
    public static string Iso(long ms)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return time.ToString(ms % 1000 == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }
}
