using System.Diagnostics;
using System.Globalization;

namespace Calc.Engine.Tsdb.Bench;

/// <summary>
/// CPU time used by this process and, optionally, by the database process: on a machine shared with
/// other work, points per CPU-second say what the code costs where wall-clock rates say how busy the
/// machine was.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int? _databasePid;
    private readonly TimeSpan _start;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public CpuMeter(int? databasePid = null)
    {
        _databasePid = databasePid;
        _start = Now();
    }

    public TimeSpan Wall => _wall.Elapsed;

    public TimeSpan Cpu => Now() - _start;

    private TimeSpan Now() => Process.GetCurrentProcess().TotalProcessorTime + (_databasePid is { } pid ? ProcessCpu(pid) : TimeSpan.Zero);

    /// <summary>utime + stime of another process from /proc (clock ticks of 10 ms).</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
