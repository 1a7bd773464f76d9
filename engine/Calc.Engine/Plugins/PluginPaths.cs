namespace Calc.Engine.Plugins;

/// <summary>
/// Path checks that keep plugin code inside the configured plugin roots: a folder (or a file) counts
/// as inside a root only if its path is below the root and, when it is a symbolic link, its target is too.
/// </summary>
internal static class PluginPaths
{
    public static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return false;
        }

        var target = LinkTarget(full);
        return target is null || target.StartsWith(root, StringComparison.Ordinal);
    }

    public static bool IsInsideAny(string path, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            if (IsInside(path, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The final target of a symbolic link (full path), or null when <paramref name="path"/> is not one.</summary>
    private static string? LinkTarget(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return null;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? null : Path.GetFullPath(target.FullName);
    }
}
