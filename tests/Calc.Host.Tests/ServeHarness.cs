using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calc.Host.Tests;

/// <summary><c>calc serve</c> running in-process on a free port until disposed (cancelled like Ctrl-C), with an HttpClient for its API.</summary>
internal sealed partial class ServeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LockedWriter _error = new();
    private readonly Task<int> _run;

    /// <summary>A service with <c>--insecure-local</c>: requests without a token are served (the tests of access use the other constructor).</summary>
    public ServeHarness(string bootstrapServers, params string[] extra)
        : this(bootstrapServers, insecureLocal: true, extra)
    {
    }

    public ServeHarness(string bootstrapServers, bool insecureLocal, params string[] extra)
    {
        string[] args = ["serve", "--bootstrap-servers", bootstrapServers, "--listen", "127.0.0.1:0", .. insecureLocal ? ["--insecure-local"] : (string[])[], .. extra];
        _run = Task.Run(() => Cli.RunAsync(args, TextReader.Null, TextWriter.Null, _error, _stop.Token));
        var watch = Stopwatch.StartNew();
        Match address;
        while (!(address = Address().Match(_error.Text)).Success)
        {
            Assert.False(_run.IsCompleted, "calc serve ended: " + _error.Text);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "calc serve did not report its address: " + _error.Text);
            Thread.Sleep(50);
        }

        Http = new HttpClient { BaseAddress = new Uri(address.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public string Log => _error.Text;

    public async Task<(int Status, JsonElement Body)> Send(HttpMethod method, string path, string? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, json);
    }

    /// <summary>Sends a body of raw bytes (which need not be UTF-8 text).</summary>
    public async Task<(int Status, JsonElement Body)> SendBytes(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        using var response = await Http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, json);
    }

    /// <summary>Polls <c>GET /jobs/{id}</c> until <paramref name="done"/> holds for its status.</summary>
    public async Task<JsonElement> WaitFor(string id, Func<JsonElement, bool> done, string what, double seconds = 30, string? token = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (_, body) = await Send(HttpMethod.Get, "/jobs/" + id, token: token);
            var status = body.GetProperty("status");
            if (done(status))
            {
                return status;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"job {id}: {what} within {seconds} s; last status {status}; log:\n{Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <c>GET path</c> until <paramref name="done"/> holds for its body.</summary>
    public async Task<JsonElement> Poll(string path, Func<JsonElement, bool> done, string what, double seconds = 30, string? token = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (_, body) = await Send(HttpMethod.Get, path, token: token);
            if (done(body))
            {
                return body;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"GET {path}: {what} within {seconds} s; last answer {body}; log:\n{Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>Cancels the service like Ctrl-C and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        var finished = await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == _run, "calc serve did not stop within 30 s: " + Log);
        return await _run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        Http.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex(@"REST API on (https?://127\.0\.0\.1:\d+)")]
    private static partial Regex Address();
}
