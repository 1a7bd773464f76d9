using System.Text;

namespace Calc.Engine.Metadata;

/// <summary>Splits one CSV line (RFC 4180: comma-separated, double quotes around a field, <c>""</c> for a quote).</summary>
internal static class CsvLine
{
    /// <summary>The fields, each with whether it was quoted; null when a quote is not closed.</summary>
    public static List<(string Text, bool Quoted)>? Split(string line)
    {
        var fields = new List<(string, bool)>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"' && field.Length == 0)
            {
                quoted = true;
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (!closed)
                {
                    return null;
                }
            }

            while (i < line.Length && line[i] != ',')
            {
                field.Append(line[i++]);
            }

            fields.Add((quoted ? field.ToString() : field.ToString().Trim(), quoted));
            if (i >= line.Length)
            {
                return fields;
            }

            i++;
            field.Clear();
            quoted = false;
        }
    }
}
