namespace Calc.Engine.Hosting;

/// <summary>Where Calc keeps its files: the <c>dataDir</c> setting (<c>CALC_DATA_DIR</c>), or <c>.calc</c> in the current directory.</summary>
internal static class DataDirectory
{
    public static string Path => HostSettings.Current.DataDir;

    /// <summary>Where <c>calc pack install</c> puts packs (a plugin root).</summary>
    public static string PacksRoot => System.IO.Path.Combine(Path, "packs");
}
