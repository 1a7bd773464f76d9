using System.IO.Compression;
using Calc.Engine.Plugins;
using Calc.Sdk;

namespace Calc.Engine.Metadata;

/// <summary>
/// <c>calc pack install PATH|ZIP</c>: a pack is a plugin folder (or a zip of one, the folder at the zip's
/// root or in its only top-level folder) whose <c>calc-plugin.json</c> is the manifest. The manifest and
/// the SDK major version are checked (<see cref="ManifestValidator"/>) before anything is copied and
/// without loading any of the pack's code; the files are then staged in <c>&lt;packs&gt;/.staging/</c>
/// (skipped by plugin discovery) and moved to <c>&lt;packs&gt;/&lt;id&gt;/&lt;version&gt;/</c> in one rename.
/// A newer version of an installed id is an upgrade (installed side by side; the engine runs the
/// newest); an equal or older version is refused unless forced.
/// </summary>
public sealed class PackInstaller(MetadataStore store, string packsRoot)
{
    public string PacksRoot => packsRoot;

    /// <summary>Installs and records the pack; null, with every problem listed, when it is refused.</summary>
    public PackRecord? Install(string source, bool force, ProblemList problems)
    {
        var staging = Path.Combine(packsRoot, ".staging", Guid.NewGuid().ToString("N"));
        try
        {
            var folder = Unpack(source, staging, problems);
            var manifest = folder is null ? null : ManifestValidator.Read(folder, problems);
            if (manifest is null || !Allowed(manifest, force, problems))
            {
                return null;
            }

            var target = Path.Combine(packsRoot, manifest.Id, manifest.Version);
            var staged = folder!.StartsWith(staging, StringComparison.Ordinal) ? folder : Copy(folder, Path.Combine(staging, "copy"));
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(staged, target);
            store.SavePack(manifest, target, builtIn: false);
            return store.Packs().First(p => p.Id == manifest.Id && p.Version == manifest.Version);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private bool Allowed(PluginManifest manifest, bool force, ProblemList problems)
    {
        var version = Version.Parse(manifest.Version);
        var installed = store.Packs().Where(p => p.Id == manifest.Id).ToList();
        var newest = installed.MaxBy(p => p.ParsedVersion);
        if (newest is null || version > newest.ParsedVersion || force)
        {
            return true;
        }

        var same = installed.Any(p => p.ParsedVersion == version);
        problems.Add(manifest.Id, same
            ? $"version {manifest.Version} is already installed; --force reinstalls it"
            : $"version {manifest.Version} is older than the installed {newest.Version}; --force installs it anyway (the newest installed version stays the one jobs get)");
        return false;
    }

    /// <summary>The folder holding the manifest: the source folder itself, or where the zip was extracted.</summary>
    private static string? Unpack(string source, string staging, ProblemList problems)
    {
        if (Directory.Exists(source))
        {
            return Path.GetFullPath(source);
        }

        if (!File.Exists(source))
        {
            problems.Add(source, "no such pack folder or zip file");
            return null;
        }

        var extracted = Path.Combine(staging, "zip");
        try
        {
            // ExtractToDirectory refuses entries that would land outside the folder.
            ZipFile.ExtractToDirectory(source, extracted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problems.Add(source, "not a readable zip file: " + ex.Message);
            return null;
        }

        if (File.Exists(Path.Combine(extracted, ManifestValidator.FileName)))
        {
            return extracted;
        }

        var folders = Directory.GetDirectories(extracted);
        if (folders.Length == 1 && File.Exists(Path.Combine(folders[0], ManifestValidator.FileName)))
        {
            return folders[0];
        }

        problems.Add(source, $"the zip has no {ManifestValidator.FileName} at its root or in its only top-level folder");
        return null;
    }

    private static string Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }

        return to;
    }
}
