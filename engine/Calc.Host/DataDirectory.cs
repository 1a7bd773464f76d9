namespace Calc.Host;

/// <summary>Where Calc keeps its files: <c>CALC_DATA_DIR</c>, or <c>.calc</c> in the current directory.</summary>
internal static class DataDirectory
{
    public static string Path =>
        Environment.GetEnvironmentVariable("CALC_DATA_DIR") is { Length: > 0 } dir ? dir : System.IO.Path.Combine(Environment.CurrentDirectory, ".calc");
}
