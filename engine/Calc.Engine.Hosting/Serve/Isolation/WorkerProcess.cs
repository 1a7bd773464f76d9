using System.Diagnostics;
using System.Globalization;

namespace Calc.Engine.Hosting.Serve.Isolation;

/// <summary>
/// A worker process of <c>calc serve</c> running one job (<see cref="JobWorker"/> on its side): started
/// with the job on its standard input and the memory limit in <c>DOTNET_GCHeapHardLimit</c>, its report
/// lines handed to <c>onReport</c> on a thread of their own, the end of its standard error kept to say
/// why it ended. Disposing kills it (and anything it started) if it still runs.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 40;
    private const int ForwardedLines = 100;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Thread _reading;
    private readonly Action<string> _log;
    private int _forwarded;
    private bool _stackOverflow;

    private WorkerProcess(Process process, Action<WorkerReport> onReport, Action<string> log)
    {
        _process = process;
        _log = log;
        _process.ErrorDataReceived += (_, e) => OnError(e.Data);
        _process.BeginErrorReadLine();
        _reading = new Thread(() => ReadReports(onReport)) { IsBackground = true, Name = "calc worker reports " + process.Id };
        _reading.Start();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Its standard error said "Stack overflow" (the runtime's last words before it aborts).</summary>
    public bool SawStackOverflow
    {
        get
        {
            lock (_tail)
            {
                return _stackOverflow;
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> (the calc executable, or dotnet and calc.dll) with <c>serve-worker</c> and sends it <paramref name="request"/>.</summary>
    /// <param name="memoryLimitBytes">The worker's managed heap limit; 0 for none.</param>
    public static WorkerProcess Start(IReadOnlyList<string> command, WorkerRequest request, long memoryLimitBytes, Action<WorkerReport> onReport, Action<string> log)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(WorkerProtocol.Command);
        start.Environment["CALC_DATA_DIR"] = DataDirectory.Path;
        start.Environment["DOTNET_gcServer"] = "0";
        if (memoryLimitBytes > 0)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = memoryLimitBytes.ToString("x", CultureInfo.InvariantCulture);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"the worker process '{command[0]}' did not start");
        process.StandardInput.AutoFlush = true;
        process.StandardInput.WriteLine(System.Text.Json.JsonSerializer.Serialize(request, WorkerProtocol.Json));
        return new WorkerProcess(process, onReport, log);
    }

    /// <summary>Asks the worker to stop (drain, checkpoint, commit, exit 0); it also stops when its input closes.</summary>
    public void RequestStop() => Send("stop");

    public void Send(string command)
    {
        try
        {
            _process.StandardInput.WriteLine(command);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // It has ended already.
        }
    }

    /// <summary>Waits at most <paramref name="timeout"/> (real time) for the worker to end.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Ends the worker and anything it started at once (SIGKILL).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has ended already.
        }
    }

    /// <summary>The last lines of its standard error (stack frames left out).</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(" | ", _tail);
        }
    }

    /// <summary>Waits for the report reader to take every line the ended worker wrote.</summary>
    public void DrainReports(TimeSpan timeout) => _reading.Join(timeout);

    public void Dispose()
    {
        if (!HasExited)
        {
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void ReadReports(Action<WorkerReport> onReport)
    {
        try
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                if (WorkerProtocol.Read(line) is { } report)
                {
                    onReport(report);
                }
                else if (line.Length > 0)
                {
                    OnError(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The worker ended.
        }
    }

    private void OnError(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.StartsWith("   at ", StringComparison.Ordinal) || line.StartsWith("Repeated ", StringComparison.Ordinal))
        {
            return;
        }

        lock (_tail)
        {
            _stackOverflow |= line.Contains("Stack overflow", StringComparison.Ordinal);
            _tail.Enqueue(line.Trim());
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }

            if (_forwarded++ >= ForwardedLines)
            {
                return;
            }
        }

        _log(line);
    }
}
