using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Calc.Engine.Hosting.Settings;
using Calc.Engine.Plugins;
using Calc.Host.Commands;
using Calc.Host.Serve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Calc.Host.Tests;

/// <summary>
/// Compiles in <c>calc serve</c> are bounded: with every slot taken, a PUT or POST /test waits the configured time
/// (on a fake clock) and is answered 503 with <c>Retry-After</c>; a slot freed during the wait lets it through.
/// Validation could take every core before (six nested lambdas compiled for minutes per request).
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeCompileBoundTests : DataDirTest
{
    private const string Job = """{"id":"a","orgId":"o1","pipeline":[{"op":"script","script":"return ${m::x} * 2;","output":"m::y"}]}""";

    private const string Busy = "1 job compile(s) are running already, the most calc serve runs at once (--max-compiles), and none ended within 5 s: send the request again later";

    [Fact]
    public async Task ShouldAnswer503WithRetryAfterWhenNoCompileSlotFreesWithinTheWait()
    {
        var time = new FakeTimeProvider();
        await using var serve = await Service.StartAsync(Dir, time);
        var held = serve.Compiler.EnterForRequest();
        Assert.Equal(1, serve.Compiler.Running);

        var put = serve.SendAsync(HttpMethod.Put, "/jobs/a", Job);
        await WaitUntilWaiting(serve.Compiler, put);
        time.Advance(TimeSpan.FromSeconds(5));
        var (status, retryAfter, body) = await put;

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(Busy, body.GetProperty("error").GetString());

        var test = serve.SendAsync(HttpMethod.Post, "/test", """{"job":""" + Job + ""","records":[{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}]}""");
        await WaitUntilWaiting(serve.Compiler, test);
        time.Advance(TimeSpan.FromSeconds(5));
        (status, retryAfter, body) = await test;

        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal(Busy, body.GetProperty("error").GetString());

        // Nothing was stored; once the slot is free the same PUT is served.
        held.Dispose();
        (status, _, body) = await serve.SendAsync(HttpMethod.Put, "/jobs/a", Job);
        Assert.Equal(201, status);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(0, serve.Compiler.Running);
    }

    [Fact]
    public async Task ShouldServeARequestWhoseSlotFreesDuringTheWait()
    {
        var time = new FakeTimeProvider();
        await using var serve = await Service.StartAsync(Dir, time);
        var held = serve.Compiler.EnterForRequest();

        var test = serve.SendAsync(HttpMethod.Post, "/test", """{"job":""" + Job + ""","records":[{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"x","time":1000,"value":2}]}""");
        await WaitUntilWaiting(serve.Compiler, test);
        time.Advance(TimeSpan.FromSeconds(4));
        held.Dispose();
        var (status, _, body) = await test;

        Assert.Equal(200, status);
        var output = Assert.Single(body.GetProperty("outputs").EnumerateArray());
        Assert.Equal(4.0, output.GetProperty("value").GetDouble());
    }

    [Fact]
    public void ShouldRefuseAMaxCompilesThatIsNotAPositiveWholeNumber()
    {
        var (exit, _, error) = CliRunner.Run("serve", "--bootstrap-servers", "127.0.0.1:9", "--max-compiles", "0");

        Assert.Equal(2, exit);
        Assert.Contains("calc serve: --max-compiles '0' must be a whole number of 1 or more", error, StringComparison.Ordinal);
    }

    /// <summary>The fake clock only ends a wait that has begun: advance it once the request waits for its slot.</summary>
    private static async Task WaitUntilWaiting(ServeCompiler compiler, Task request)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (compiler.Waiting == 0)
        {
            Assert.False(request.IsCompleted, "the request was answered without waiting for a slot");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the request never waited for a compile slot");
            await Task.Delay(10);
        }
    }

    private sealed class Service : IAsyncDisposable
    {
        private readonly StoreGate _store;
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        private readonly HttpClient _http;

        private Service(StoreGate store, ServeCompiler compiler, Microsoft.AspNetCore.Builder.WebApplication app)
        {
            _store = store;
            Compiler = compiler;
            _app = app;
            _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        }

        public ServeCompiler Compiler { get; }

        public static async Task<Service> StartAsync(string dir, TimeProvider time)
        {
            var lines = new LockedWriter();
            var options = new ServeOptions
            {
                BootstrapServers = "127.0.0.1:9",
                CheckpointDirectory = Path.Combine(dir, "checkpoints"),
                InsecureLocal = true,
                Time = time,
                MaxConcurrentCompiles = 1,
                CompileWait = TimeSpan.FromSeconds(5),
            };
            var store = new StoreGate(MetadataAccess.Open(new ConsoleIo(TextReader.Null, TextWriter.Null, lines), "serve")!);
            var compiler = new ServeCompiler(new PluginCatalog(EngineFactory.PluginRoots()), options.MaxConcurrentCompiles, options.CompileWait, time);
            var context = new ServeContext(options, compiler, store, NullLoggerFactory.Instance, lines.WriteLine);
            var jobs = new JobSupervisor(context);
            var health = new ServeHealth(jobs, options.BootstrapServers, new KafkaSettings(), lines.WriteLine);
            var app = ServeApi.Build("127.0.0.1:0", jobs, context, health);
            await app.StartAsync();
            return new Service(store, compiler, app);
        }

        public async Task<(int Status, string? RetryAfter, JsonElement Body)> SendAsync(HttpMethod method, string path, string body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await _http.SendAsync(request);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), json);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _http.Dispose();
            Compiler.Dispose();
            _store.Dispose();
        }
    }
}
