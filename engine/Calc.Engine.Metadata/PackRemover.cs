namespace Calc.Engine.Metadata;

/// <summary>
/// <c>calc pack remove ID [--version V]</c>: removes every version of a pack (or one), refused while a
/// stored job uses one of its templates or operators that no other installed pack version still provides.
/// Built-in versions are never removed: removing an id that also has a built-in version removes the
/// installed ones (the built-in one becomes active again); removing only built-in versions is refused.
/// </summary>
public sealed class PackRemover(MetadataStore store, string packsRoot)
{
    public PackRemoval Remove(string id, string? version)
    {
        var all = store.Packs();
        var matching = all.Where(p => p.Id == id && (version is null || p.Version == version)).ToList();
        var removing = matching.Where(p => !p.BuiltIn).ToList();
        if (removing.Count == 0)
        {
            return new PackRemoval([], matching.Count > 0, []);
        }

        var stillProvided = all.Except(removing).SelectMany(p => p.Operators).ToHashSet(StringComparer.Ordinal);
        var lost = removing.SelectMany(p => p.Operators).Where(o => !stillProvided.Contains(o)).Distinct(StringComparer.Ordinal).ToList();
        var users = store.JobsUsing(lost);
        if (users.Count > 0)
        {
            return new PackRemoval([], false, users);
        }

        foreach (var pack in removing)
        {
            store.DeletePack(pack.Id, pack.Version);
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(packsRoot)) + Path.DirectorySeparatorChar;
            if (Path.GetFullPath(pack.Folder).StartsWith(root, StringComparison.Ordinal) && Directory.Exists(pack.Folder))
            {
                Directory.Delete(pack.Folder, recursive: true);
            }
        }

        var idFolder = Path.Combine(packsRoot, id);
        if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
        {
            Directory.Delete(idFolder);
        }

        return new PackRemoval(removing, false, []);
    }
}
