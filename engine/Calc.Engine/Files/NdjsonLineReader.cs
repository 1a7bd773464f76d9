namespace Calc.Engine.Files;

/// <summary>Reads NDJSON from a stream as raw UTF-8 lines, without decoding to strings.</summary>
public static class NdjsonLineReader
{
    /// <summary>Receives each line (without its line break) and its 1-based number.</summary>
    public interface ILineHandler
    {
        void OnLine(ReadOnlySpan<byte> line, long lineNumber);
    }

    public static long ReadAll(Stream stream, ILineHandler handler, CancellationToken cancellation = default)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        long lineNumber = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                if (filled > 0)
                {
                    handler.OnLine(Trim(buffer.AsSpan(0, filled)), ++lineNumber);
                }

                return lineNumber;
            }

            filled += read;
            var start = 0;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                handler.OnLine(Trim(buffer.AsSpan(start, newline)), ++lineNumber);
                start += newline + 1;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
