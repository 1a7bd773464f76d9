using System.Globalization;

namespace Calc.Templates.Energy.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>/proc/thread-self/schedstat</c>), so that the figure is
/// points per second of one core even on a machine shared with other work. NaN elsewhere.
/// </summary>
internal static class ThreadCpu
{
    private const string Path = "/proc/thread-self/schedstat";

    public static double Seconds()
    {
        if (!File.Exists(Path))
        {
            return double.NaN;
        }

        var text = File.ReadAllText(Path);
        var ns = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        return ns / 1e9;
    }
}
