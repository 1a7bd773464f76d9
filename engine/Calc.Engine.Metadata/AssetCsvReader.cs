using System.Globalization;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// Reads assets from CSV with a header <c>assetId,modelId,&lt;attribute&gt;…</c>; a column named
/// <c>parentId</c> (anywhere after modelId) is the asset's parent in the hierarchy, not an attribute. An unquoted field that
/// is a number becomes a number, <c>true</c>/<c>false</c> a boolean, anything else (and every quoted
/// field) a string; an empty field leaves the attribute out. Every bad line is reported as <c>file:line</c>.
/// </summary>
internal static class AssetCsvReader
{
    private const string ParentColumn = "parentId";

    public static List<AssetRecord> Read(string path, string text, string org, ProblemList problems)
    {
        var assets = new List<AssetRecord>();
        var lines = text.Split('\n');
        var header = lines.Length == 0 ? null : CsvLine.Split(lines[0].TrimEnd('\r'));
        if (header is null || header.Count < 2 || header[0].Text != "assetId" || header[1].Text != "modelId")
        {
            problems.Add($"{path}:1", "the header must start with assetId,modelId and then name the attributes");
            return assets;
        }

        var names = header.Select(h => h.Text).ToList();
        for (var c = 2; c < names.Count; c++)
        {
            if (names[c].Length == 0 || names.IndexOf(names[c]) != c)
            {
                problems.Add($"{path}:1", $"column {c + 1}: '{names[c]}' is {(names[c].Length == 0 ? "an empty name" : "named twice")}");
            }
        }

        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                ReadLine(line, $"{path}:{n + 1}", names, org, assets, problems);
            }
        }

        return assets;
    }

    private static void ReadLine(string line, string at, List<string> names, string org, List<AssetRecord> assets, ProblemList problems)
    {
        var fields = CsvLine.Split(line);
        if (fields is null)
        {
            problems.Add(at, "a quoted field is not closed");
            return;
        }

        if (fields.Count != names.Count)
        {
            problems.Add(at, $"{fields.Count} fields, but the header has {names.Count}");
            return;
        }

        if (fields[0].Text.Length == 0)
        {
            problems.Add(at, "assetId is empty");
            return;
        }

        var attributes = new Dictionary<string, PointValue>(StringComparer.Ordinal);
        string? parent = null;
        for (var c = 2; c < fields.Count; c++)
        {
            var (field, quoted) = fields[c];
            if (names[c] == ParentColumn)
            {
                parent = field.Length == 0 ? null : field;
            }
            else if (field.Length > 0 || quoted)
            {
                attributes[names[c]] = Value(field, quoted);
            }
        }

        assets.Add(new AssetRecord(org, fields[0].Text, fields[1].Text.Length == 0 ? null : fields[1].Text, attributes, parent));
    }

    private static PointValue Value(string text, bool quoted)
    {
        if (quoted)
        {
            return PointValue.FromString(text);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return PointValue.FromNumber(number);
        }

        return text switch
        {
            "true" => PointValue.FromBool(true),
            "false" => PointValue.FromBool(false),
            _ => PointValue.FromString(text),
        };
    }
}
