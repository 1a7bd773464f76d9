using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Calc.Engine.Kafka.Bench;

/// <summary>
/// A real <c>calc serve</c> process (the executable a user runs) on a data directory of its own, with
/// its CPU time read from <c>/proc/PID/stat</c> so that nothing is asked of the service to measure it.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux x86-64
    private readonly Process _process;
    private readonly StringWriterLog _log;

    private ServeProcess(Process process, Uri address, StringWriterLog log)
    {
        _process = process;
        Address = address;
        _log = log;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public string Log => _log.Text;

    /// <summary>Runs <c>calc ARGS</c> to the end on <paramref name="dataDir"/> and returns its stdout (e.g. a token).</summary>
    public static string RunToEnd(string calc, string dataDir, params string[] args)
    {
        using var process = Process.Start(Start(calc, dataDir, args)) ?? throw new InvalidOperationException("cannot start " + calc);
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"calc {string.Join(' ', args)} exited {process.ExitCode}: {error}");
    }

    /// <summary>Starts <c>calc serve --bootstrap-servers SERVERS --listen 127.0.0.1:0</c> and waits for its address.</summary>
    public static async Task<ServeProcess> StartAsync(string calc, string dataDir, string servers, params string[] extra)
    {
        var process = Process.Start(Start(calc, dataDir, ["serve", "--bootstrap-servers", servers, "--listen", "127.0.0.1:0", .. extra]))
            ?? throw new InvalidOperationException("cannot start " + calc);
        var log = new StringWriterLog();
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var watch = Stopwatch.StartNew();
        Match address;
        while (!(address = AddressLine().Match(log.Text)).Success)
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("calc serve did not report its address: " + log.Text);
            }

            await Task.Delay(50);
        }

        return new ServeProcess(process, new Uri(address.Groups[1].Value), log);
    }

    /// <summary>User + system CPU time of the service process and the worker processes it runs now (<c>--isolation</c>) so far (10 ms resolution).</summary>
    public double CpuSeconds() => CpuSeconds(_process.Id) + Children(_process.Id).Sum(CpuSeconds);

    /// <summary>The processes <paramref name="pid"/> started that still run (<c>/proc/PID/task/TID/children</c>).</summary>
    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return int.Parse(child, CultureInfo.InvariantCulture);
            }
        }
    }

    private static double CpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException) when (pid != Environment.ProcessId)
        {
            return 0; // a worker that just ended
        }

        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Stops the service like a service manager does (SIGTERM: jobs drain and commit), then waits.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Start(string calc, string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo(calc) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALC_DATA_DIR"] = dataDir;
        return start;
    }

    [GeneratedRegex(@"REST API on (https?://127\.0\.0\.1:\d+)")]
    private static partial Regex AddressLine();

    /// <summary>The service's stderr and stdout lines, kept for error messages.</summary>
    private sealed class StringWriterLog
    {
        private readonly Lock _gate = new();
        private readonly System.Text.StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _text.AppendLine(line);
            }
        }
    }
}
