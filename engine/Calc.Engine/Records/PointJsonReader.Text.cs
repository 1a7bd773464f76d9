using System.Text.Json;
using System.Text.Unicode;

namespace Calc.Engine.Records;

/// <summary>The reader's text checks: a record is UTF-8 as a whole, and escaped strings decode to valid text.</summary>
public sealed partial class PointJsonReader
{
    /// <summary>The 0-based index of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static int InvalidUtf8At(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        var at = 0;
        while (at < utf8.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }

    /// <summary>
    /// Skips an object, decoding its escaped strings so that one with a lone surrogate fails here (with the record)
    /// rather than later in an operator that reads the attribute.
    /// </summary>
    public static void SkipCheckingText(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                _ = reader.GetString();
            }
        }
    }
}
