using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Calc.Engine.WebConsole.Tests;

/// <summary>
/// A real <c>calc serve</c> child process (the calc built next to this test) on a free loopback port with
/// its embedded Kafka broker and its own data directory, and an engineer and an admin token of org o1 made for it.
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public ServeProcess()
    {
        DataDir = Path.Combine(Path.GetTempPath(), "calc-console-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDir);
        Token = Calc("token", "create", "--org", "o1", "--role", "engineer", "--name", "console-test").Trim();
        AdminToken = Calc("token", "create", "--org", "o1", "--role", "admin", "--name", "console-admin").Trim();
        _process = Start("serve", "--listen", "127.0.0.1:0");
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        Match api, broker;
        while (!(api = ApiLine().Match(Log)).Success || !(broker = BrokerLine().Match(Log)).Success)
        {
            Assert.False(_process.HasExited, "calc serve ended: " + Log);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "calc serve did not report its addresses: " + Log);
            Thread.Sleep(50);
        }

        Url = api.Groups[1].Value;
        Broker = broker.Groups[1].Value;
    }

    public string DataDir { get; }

    public string Token { get; }

    /// <summary>An admin token of org o1 (the packs page is for admins).</summary>
    public string AdminToken { get; }

    /// <summary>The REST API and console, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    /// <summary>The embedded broker's bootstrap address.</summary>
    public string Broker { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Runs another calc command against the same data directory and returns its stdout (asserting exit 0).</summary>
    public string Calc(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"calc {string.Join(' ', args)} did not end");
        Assert.True(process.ExitCode == 0, $"calc {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    /// <summary>Starts calc with these arguments (for <c>calc produce</c> while the browser watches).</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "calc"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALC_DATA_DIR"] = DataDir;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start calc");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }

    [GeneratedRegex(@"REST API on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"embedded Kafka broker at (127\.0\.0\.1:\d+)")]
    private static partial Regex BrokerLine();
}
