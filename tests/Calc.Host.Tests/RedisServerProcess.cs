using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Calc.Host.Tests;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, installed by test.sh) on a free loopback port, stopped with
/// the test; without persistence, or with an AOF (fsync always) in a given directory, so that it can be
/// killed and started again on the same port with its data. Fails the test with the install command when it cannot start.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static RedisServerProcess Start(int? onPort = null, string? aofDirectory = null)
    {
        var binary = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var port = onPort ?? FreePort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] persistence = aofDirectory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--appendfsync", "always", "--dir", aofDirectory];
        foreach (var arg in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence])
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"redis-server could not be started ({ex.Message}); install it: apt-get update && apt-get install -y redis-server redis-tools (test.sh does)");
            throw;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServerProcess(process, port);
        var watch = Stopwatch.StartNew();
        while (server.Cli("PING").FirstOrDefault() != "PONG")
        {
            Assert.False(process.HasExited, $"redis-server exited with code {(process.HasExited ? process.ExitCode : 0)} on port {port}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "redis-server did not answer PING within 15 s");
            Thread.Sleep(100);
        }

        return server;
    }

    /// <summary>Runs <c>redis-cli</c> against this server; its output lines.</summary>
    public string[] Cli(params string[] args)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>SIGKILL, as a crash or a lost machine: no shutdown, only what the AOF already has survives.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
