using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Calc.Host.Tests;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) on a free loopback port with its own data folder,
/// scraping one target every second (<c>honor_labels</c>, so the metrics' own <c>job</c> label stays),
/// and its HTTP query API. Killed when disposed.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string InstallHint = "prometheus is not installed (looked on PATH and in /usr/bin). Run the README's test command, "
        + "or: apt-get update && apt-get install -y prometheus (docs/metrics.md)";

    private readonly Process _process;
    private readonly string _dir;
    private readonly Queue<string> _log = new();

    private PrometheusServer(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

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

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (<c>HOST:PORT</c>, path /metrics) every second and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var binary = new[] { "/usr/bin/prometheus" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "prometheus"))).FirstOrDefault(File.Exists);
        Assert.True(binary is not null, InstallHint);
        var dir = CliRunner.TempDir();
        var config = Path.Combine(dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: calc-serve
                honor_labels: true
                scrape_interval: 1s
                scrape_timeout: 1s
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = FreePort();
        var start = new ProcessStartInfo(binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(arg);
        }

        var server = new PrometheusServer(Process.Start(start)!, dir, port);
        server._process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(server._process.HasExited, "prometheus exited:\n" + server.Log);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "prometheus was not ready within 30 s:\n" + server.Log);
            try
            {
                using var response = await server.Http.GetAsync("/-/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>An instant PromQL query: each series' labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var json = await Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
        var series = new List<(Dictionary<string, string>, double)>();
        foreach (var item in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            series.Add((labels, double.Parse(item.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)));
        }

        return series;
    }

    /// <summary>Polls <paramref name="promql"/> until <paramref name="done"/> holds for its result, within <paramref name="seconds"/>.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> WaitForAsync(string promql, Func<List<(Dictionary<string, string> Labels, double Value)>, bool> done, string what, double seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var result = await QueryAsync(promql);
            if (done(result))
            {
                return result;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds),
                $"{what}: '{promql}' gave [{string.Join(", ", result.Select(r => $"{{{string.Join(",", r.Labels.Select(l => l.Key + "=" + l.Value))}}} {r.Value}"))}] after {seconds} s; prometheus log:\n{Log}");
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Prometheus may still hold a file for a moment; the temp folder is cleaned up later.
        }
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
            if (_log.Count > 40)
            {
                _log.Dequeue();
            }
        }
    }
}
