namespace Calc.Host;

/// <summary>Where Calc keeps its files: the <c>dataDir</c> setting (<c>CALC_DATA_DIR</c>), or <c>.calc</c> in the current directory.</summary>
internal static class DataDirectory
{
    public static string Path => HostSettings.Current.DataDir;
}
