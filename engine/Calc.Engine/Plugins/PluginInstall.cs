using Calc.Sdk;

namespace Calc.Engine.Plugins;

/// <summary>One plugin folder the catalog knows, and what became of it. Guarded by the catalog's lock.</summary>
internal sealed class PluginInstall(string folder)
{
    public string Folder => folder;

    /// <summary>The manifest, once it passed validation.</summary>
    public PluginManifest? Manifest { get; set; }

    /// <summary>What a refused manifest claims (for listings), when it could be read at all.</summary>
    public PluginManifest? Claimed { get; set; }

    public Version? Version { get; set; }

    public PluginAssembly? Code { get; set; }

    public PluginState State { get; set; } = PluginState.Inactive;

    public List<string> Problems { get; } = [];

    /// <summary>Running jobs holding a lease on a snapshot that contains this install.</summary>
    public int Jobs { get; set; }

    /// <summary>The folder was deleted: no new job gets it.</summary>
    public bool Removed { get; set; }

    /// <summary>The newest write time in the folder when it was last read: a failed install is retried when it changes.</summary>
    public DateTime Stamp { get; set; }

    public PluginInstallInfo ToInfo()
    {
        var shown = Manifest ?? Claimed;
        return new(
            shown?.Id ?? Path.GetFileName(Folder),
            shown?.Version ?? "?",
            shown?.SdkVersion ?? "?",
            Folder,
            State,
            shown?.Operators is { } operators ? [.. operators.Select(o => o?.Id ?? "?")] : [],
            [.. Problems],
            Jobs);
    }

    public static DateTime NewestWrite(string folder)
    {
        var newest = Directory.GetLastWriteTimeUtc(folder);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var time = File.GetLastWriteTimeUtc(file);
            if (time > newest)
            {
                newest = time;
            }
        }

        return newest;
    }
}
