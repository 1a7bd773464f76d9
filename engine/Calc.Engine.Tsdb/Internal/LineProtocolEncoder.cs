using System.Buffers;
using System.Globalization;
using System.Text;

namespace Calc.Engine.Tsdb.Internal;

/// <summary>
/// Appends InfluxDB line-protocol lines to one reusable UTF-8 buffer:
/// <c>measurement,asset=A,org=O[,site=S] field=VALUE TIMESTAMP\n</c>, tags sorted by key as the
/// protocol recommends. Escaping follows the spec: in the measurement comma, space and backslash; in
/// tag keys, tag values and field keys also the equals sign. Values are floats (booleans 1/0).
/// </summary>
internal sealed class LineProtocolEncoder
{
    private static readonly SearchValues<char> MeasurementSpecial = SearchValues.Create(", \\");
    private static readonly SearchValues<char> KeySpecial = SearchValues.Create(",= \\");
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    private byte[] _buffer = new byte[1 << 16];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public byte[] Buffer => _buffer;

    /// <summary>True when the text cannot be written in line protocol (it has a line break).</summary>
    public static bool HasLineBreak(string text) => text.AsSpan().ContainsAny(LineBreaks);

    public void Reset() => Length = 0;

    public void Append(string measurement, string org, string asset, string? site, string field, double value, long time)
    {
        WriteEscaped(measurement, MeasurementSpecial);
        WriteAscii(",asset="u8);
        WriteEscaped(asset, KeySpecial);
        WriteAscii(",org="u8);
        WriteEscaped(org, KeySpecial);
        if (site is not null)
        {
            WriteAscii(",site="u8);
            WriteEscaped(site, KeySpecial);
        }

        WriteAscii(" "u8);
        WriteEscaped(field, KeySpecial);
        WriteAscii("="u8);
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(Length), out var written, "R", CultureInfo.InvariantCulture);
        Length += written;
        WriteAscii(" "u8);
        Ensure(24);
        time.TryFormat(_buffer.AsSpan(Length), out written, default, CultureInfo.InvariantCulture);
        Length += written;
        WriteAscii("\n"u8);
    }

    private void WriteEscaped(string text, SearchValues<char> special)
    {
        var span = text.AsSpan();
        if (!span.ContainsAny(special))
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(span.Length));
            Length += Encoding.UTF8.GetBytes(span, _buffer.AsSpan(Length));
            return;
        }

        while (!span.IsEmpty)
        {
            var next = span.IndexOfAny(special);
            var plain = next < 0 ? span : span[..next];
            Ensure(Encoding.UTF8.GetMaxByteCount(plain.Length) + 2);
            Length += Encoding.UTF8.GetBytes(plain, _buffer.AsSpan(Length));
            if (next < 0)
            {
                break;
            }

            _buffer[Length++] = (byte)'\\';
            _buffer[Length++] = (byte)span[next];
            span = span[(next + 1)..];
        }
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
