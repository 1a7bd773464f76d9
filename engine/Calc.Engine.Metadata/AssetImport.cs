using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// <c>calc asset import FILE</c>: reads a CSV (<c>.csv</c>) or JSON file of assets and writes them to the
/// store in one transaction, only when the whole file is valid (nothing is written otherwise).
/// </summary>
public static class AssetImport
{
    /// <summary>Reads and checks the file; every problem is listed; null when there is any.</summary>
    public static IReadOnlyList<AssetRecord>? Read(string path, string org, ProblemList problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(path, "cannot read the file: " + ex.Message);
            return null;
        }

        var before = problems.Items.Count;
        var assets = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? AssetCsvReader.Read(path, text, org, problems)
            : AssetJsonReader.Read(path, text, org, problems);
        var seen = new HashSet<(string, string)>();
        foreach (var asset in assets.Where(a => !seen.Add((a.Org, a.Id))))
        {
            problems.Add(path, $"asset '{asset.Id}'{(asset.Org.Length == 0 ? "" : $" of org '{asset.Org}'")} is listed twice");
        }

        return problems.Items.Count == before ? assets : null;
    }

    /// <summary>Reads the file and, when it is valid, writes every asset; returns how many, or null on problems.</summary>
    public static int? Import(MetadataStore store, string path, string org, ProblemList problems)
    {
        var assets = Read(path, org, problems);
        if (assets is null)
        {
            return null;
        }

        store.SaveAssets(assets);
        return assets.Count;
    }
}
