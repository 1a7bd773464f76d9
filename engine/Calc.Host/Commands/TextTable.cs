namespace Calc.Host.Commands;

/// <summary>Writes rows as left-aligned columns separated by two spaces (the last column is not padded).</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c < columns - 1 ? cell.PadRight(widths[c]) : cell)).TrimEnd());
        }
    }
}
