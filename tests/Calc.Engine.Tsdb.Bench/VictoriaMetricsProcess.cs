using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Calc.Engine.Tsdb.Bench;

/// <summary>A VictoriaMetrics on a free loopback port with a temporary data folder, stopped on dispose.</summary>
internal sealed class VictoriaMetricsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private VictoriaMetricsProcess(Process process, string data, Uri url)
    {
        _process = process;
        _data = data;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<VictoriaMetricsProcess> StartAsync()
    {
        var binary = new[] { "/usr/bin", "/usr/local/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .Select(folder => Path.Combine(folder, "victoria-metrics")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("victoria-metrics is not installed: apt-get install -y victoria-metrics");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var data = Path.Combine(Path.GetTempPath(), "calc-bench-vm-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[$"-httpListenAddr=127.0.0.1:{port}", $"-storageDataPath={data}", "-retentionPeriod=100y", "-dedup.minScrapeInterval=1ms"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var health = await http.GetAsync(new Uri(url, "/health"));
                if (health.IsSuccessStatusCode)
                {
                    return new VictoriaMetricsProcess(process, data, url);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        process.Kill();
        throw new InvalidOperationException("victoria-metrics did not become healthy");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
