using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Calc.Engine.Tsdb.Tests;

/// <summary>
/// A real VictoriaMetrics (Debian's <c>victoria-metrics</c> package) on a free loopback port with its own
/// data folder, started with one sample kept per timestamp (<c>-dedup.minScrapeInterval=1ms</c>). It can
/// be stopped and started again on the same port and data, as an outage would.
/// </summary>
internal sealed partial class VictoriaMetricsServer : IAsyncDisposable
{
    public const string InstallHint =
        "victoria-metrics is not installed (looked on PATH and in /usr/bin). Run the README's test command: "
        + "apt-get update && apt-get install -y victoria-metrics && dotnet test tests/Calc.Engine.Tsdb.Tests -m:1 (see docs/tsdb.md)";

    private const int SigTerm = 15;
    private readonly string _binary;
    private readonly TempFolder _data = new();
    private readonly Queue<string> _log = new();
    private Process? _process;

    private VictoriaMetricsServer(string binary, int port)
    {
        _binary = binary;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri Url { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The last lines VictoriaMetrics logged, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static async Task<VictoriaMetricsServer> StartAsync()
    {
        var binary = FindBinary();
        Assert.True(binary is not null, InstallHint);
        var server = new VictoriaMetricsServer(binary!, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the process (again) on the same port and data folder and waits until it is healthy.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[$"-httpListenAddr=127.0.0.1:{Port}", $"-storageDataPath={_data.Path}", "-retentionPeriod=100y", "-dedup.minScrapeInterval=1ms"])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Assert.False(_process.HasExited, $"victoria-metrics exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                using var response = await Http.GetAsync(new Uri(Url, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail($"victoria-metrics was not healthy within 20 s:\n{Log}");
    }

    /// <summary>Stops the process with SIGTERM (it flushes what it acknowledged) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Every sample of the series matching <paramref name="selector"/>, after making recent writes searchable.</summary>
    public async Task<List<ExportedSeries>> ExportAsync(string selector)
    {
        using (await Http.GetAsync(new Uri(Url, "/internal/force_flush")))
        {
        }

        using var form = new FormUrlEncodedContent([new("match[]", selector), new("start", "0")]);
        using var response = await Http.PostAsync(new Uri(Url, "/api/v1/export"), form);
        response.EnsureSuccessStatusCode();
        var series = new List<ExportedSeries>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            series.Add(JsonSerializer.Deserialize<ExportedSeries>(line)!);
        }

        return series;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        Http.Dispose();
        _data.Dispose();
    }

    private static string? FindBinary()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return folders.Select(folder => Path.Combine(folder, "victoria-metrics")).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > 40)
            {
                _log.Dequeue();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
