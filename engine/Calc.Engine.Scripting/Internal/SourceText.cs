using System.Globalization;

namespace Calc.Engine.Scripting.Internal;

/// <summary>Turns offsets into the <c>line L, column C</c> prefix every script problem carries.</summary>
internal static class SourceText
{
    /// <summary>1-based line and column of <paramref name="offset"/> (columns count UTF-16 characters).</summary>
    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>The offset of a 1-based line and column, clamped to the text.</summary>
    public static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < text.Length; offset++)
        {
            if (text[offset] == '\n')
            {
                l++;
            }
        }

        return Math.Clamp(offset + column - 1, 0, text.Length);
    }

    public static string Format(string text, int offset, string message)
    {
        var (line, column) = LineColumn(text, offset);
        return string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {message}");
    }
}
