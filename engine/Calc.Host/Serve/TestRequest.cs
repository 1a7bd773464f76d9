using System.Text;
using System.Text.Json;

namespace Calc.Host.Serve;

/// <summary>
/// The body of <c>POST /test</c> and <c>POST /jobs/{id}/test</c>: <c>{"job":{…},"records":[…]}</c>
/// (a record is a point object, or a string holding a raw line, so that malformed lines can be tried),
/// or NDJSON point records (only for a stored job). Lines stay bytes: a line that is not UTF-8 text reaches
/// the record reader as it was sent and is rejected there, instead of being repaired into U+FFFD on the way.
/// </summary>
internal sealed record TestRequest(string? JobJson, IReadOnlyList<byte[]> Lines)
{
    /// <summary>The lines as one NDJSON input, as a file run reads it.</summary>
    public MemoryStream Input()
    {
        var input = new MemoryStream();
        foreach (var line in Lines)
        {
            input.Write(line);
            input.WriteByte((byte)'\n');
        }

        input.Position = 0;
        return input;
    }

    /// <summary>The request, or null with the reason in <paramref name="error"/>.</summary>
    public static TestRequest? Parse(byte[] body, out string? error)
    {
        error = null;
        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not one JSON document: NDJSON lines.
        }
        catch (ArgumentException)
        {
            // Not UTF-8 text: NDJSON lines, each rejected (or read) on its own.
        }

        using (doc)
        {
            var root = doc?.RootElement;
            if (root is { ValueKind: JsonValueKind.Object } obj && (obj.TryGetProperty("records", out _) || obj.TryGetProperty("job", out _)))
            {
                return FromObject(obj, out error);
            }
        }

        return new TestRequest(null, SplitLines(body));
    }

    private static TestRequest? FromObject(JsonElement root, out string? error)
    {
        error = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("job" or "records"))
            {
                error = $"unknown field '{property.Name}': send {{\"job\":{{…}},\"records\":[…]}}";
                return null;
            }
        }

        if (!root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            error = "'records' must be an array of point records (objects, or strings holding raw lines)";
            return null;
        }

        var lines = new List<byte[]>();
        foreach (var record in records.EnumerateArray())
        {
            lines.Add(record.ValueKind == JsonValueKind.String ? RawLine(record) : Encoding.UTF8.GetBytes(record.GetRawText().ReplaceLineEndings(" ")));
        }

        string? job = root.TryGetProperty("job", out var j) ? j.GetRawText() : null;
        return new TestRequest(job, lines);
    }

    private static List<byte[]> SplitLines(byte[] body)
    {
        var lines = new List<byte[]>();
        var rest = body.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!line.Trim(" \t"u8).IsEmpty)
            {
                lines.Add(line.ToArray());
            }
        }

        return lines;
    }

    /// <summary>
    /// The bytes of a record sent as a string. A string holding a lone surrogate (<c>"\ud800"</c>) has no UTF-8
    /// form: its code units are written as they are (WTF-8), so the reader rejects the line as not UTF-8 text.
    /// </summary>
    private static byte[] RawLine(JsonElement record)
    {
        string text;
        try
        {
            text = record.GetString()!;
        }
        catch (InvalidOperationException)
        {
            text = System.Text.RegularExpressions.Regex.Unescape(record.GetRawText()[1..^1]);
        }

        text = text.ReplaceLineEndings(" ");
        var bytes = new List<byte>(text.Length);
        Span<byte> rune = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var written = new Rune(c, text[++i]).EncodeToUtf8(rune);
                bytes.AddRange(rune[..written]);
            }
            else if (char.IsSurrogate(c))
            {
                bytes.Add((byte)(0xE0 | (c >> 12)));
                bytes.Add((byte)(0x80 | ((c >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                var written = new Rune(c).EncodeToUtf8(rune);
                bytes.AddRange(rune[..written]);
            }
        }

        return [.. bytes];
    }
}
