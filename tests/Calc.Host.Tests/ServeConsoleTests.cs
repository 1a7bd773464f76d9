using System.Net;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary>
/// What <c>calc serve</c> adds for its web console: the embedded files at <c>/console/</c> without a token
/// (they hold no data), <c>PUT /jobs/{id}?dryRun=true</c> that validates without storing, <c>GET /me</c>,
/// and each job's org in <c>GET /jobs</c>. The console itself is tested in a browser (tests/Calc.Engine.WebConsole.Tests).
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeConsoleTests : DataDirTest
{
    private const string Job = """
        {"id":"w1","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}
        """;

    [Fact]
    public async Task ShouldServeTheConsoleWithoutAToken_AndRedirectTheRootToIt()
    {
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start(), insecureLocal: false);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = serve.Http.BaseAddress };

        using var root = await http.GetAsync("/");
        using var bare = await http.GetAsync("/console");
        Assert.Equal((HttpStatusCode.Redirect, "/console/"), (root.StatusCode, root.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, "/console/"), (bare.StatusCode, bare.Headers.Location?.OriginalString));

        using var index = await http.GetAsync("/console/");
        Assert.Equal(("text/html", "no-cache"), (index.Content.Headers.ContentType?.MediaType, index.Headers.CacheControl?.ToString()));
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"console.js\"></script>", html, StringComparison.Ordinal);
        using var script = await http.GetAsync("/console/console.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/jobs/", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the bundle, minified
        using var style = await http.GetAsync("/console/console.css");
        Assert.Contains(".uplot", await style.Content.ReadAsStringAsync(), StringComparison.Ordinal); // uPlot's stylesheet is bundled in

        var (missing, body) = await serve.Send(HttpMethod.Get, "/console/nope.js");
        Assert.Equal((404, "the console has no file 'nope.js': open /console/"), (missing, body.GetProperty("error").GetString()));

        // The data still needs a token.
        Assert.Equal(401, (await serve.Send(HttpMethod.Get, "/jobs")).Status);
        Assert.Equal(401, (await serve.Send(HttpMethod.Get, "/me")).Status);
    }

    [Fact]
    public async Task ShouldValidateADryRunWithEveryProblemAtItsPath_AndStoreNothing()
    {
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start());

        var wrong = Job.Replace("\"1h\"", "\"1 hour\"", StringComparison.Ordinal).Replace("\"avg\"", "\"avgg\"", StringComparison.Ordinal);
        var (status, body) = await serve.Send(HttpMethod.Put, "/jobs/w2?dryRun=true", wrong);
        Assert.Equal(400, status);
        Assert.Equal(
            [
                "settings.window: '1 hour' is not a duration: expected a whole number and a unit (ms, s, m, h, d), like 500ms, 30s, 5m, 1h or 1d",
                "policies[0].aggregation: 'avgg' must be one of avg, max, min, sum, count, first, last",
                "id: the job's id 'w1' differs from 'w2' in the URL: send it to PUT /jobs/w1, or change the id",
            ],
            body.GetProperty("problems").EnumerateArray().Select(p => $"{p.GetProperty("path").GetString()}: {p.GetProperty("message").GetString()}"));

        var (valid, answer) = await serve.Send(HttpMethod.Put, "/jobs/w1?dryRun=true", Job);
        Assert.Equal((200, """{"id":"w1","valid":true}"""), (valid, answer.GetRawText()));
        Assert.Equal(404, (await serve.Send(HttpMethod.Get, "/jobs/w1")).Status);
        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/audit")).Body.GetArrayLength());

        // Stored for real, the list names its org; /me says who asks (here the --insecure-local anonymous admin).
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/w1", Job)).Status);
        var listed = Assert.Single((await serve.Send(HttpMethod.Get, "/jobs")).Body.EnumerateArray());
        Assert.Equal(("w1", "o1"), (listed.GetProperty("id").GetString(), listed.GetProperty("org").GetString()));
        Assert.Equal("""{"name":"anonymous","org":null,"role":"admin"}""", (await serve.Send(HttpMethod.Get, "/me")).Body.GetRawText());
    }

    [Fact]
    public async Task ShouldListThePacksWithTheJobsOfTheTokensOrgThatUseThem()
    {
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start());
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/w1", Job)).Status);
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/w9", Job.Replace("\"w1\"", "\"w9\"", StringComparison.Ordinal).Replace("\"o1\"", "\"o9\"", StringComparison.Ordinal))).Status);

        var packs = (await serve.Send(HttpMethod.Get, "/packs")).Body.EnumerateArray().ToList();
        var windows = Assert.Single(packs, p => p.GetProperty("id").GetString() == "calc.templates.windows");
        Assert.True(windows.GetProperty("builtIn").GetBoolean());
        Assert.Equal(["time-window-aggregation"], windows.GetProperty("operators").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("""[{"job":"w1","operators":["time-window-aggregation"]},{"job":"w9","operators":["time-window-aggregation"]}]""", windows.GetProperty("usedBy").GetRawText());
        var energy = Assert.Single(packs, p => p.GetProperty("id").GetString() == "calc.templates.energy");
        Assert.Equal(0, energy.GetProperty("usedBy").GetArrayLength());

        // An admin of o1 sees only o1's jobs among the users.
        string admin;
        using (var store = Calc.Engine.Metadata.MetadataStore.Open(Path.Combine(Dir, "data", Calc.Engine.Metadata.MetadataStore.FileName)))
        {
            admin = store.CreateToken("ops", "o1", "admin", null).Secret;
        }

        var own = (await serve.Send(HttpMethod.Get, "/packs", token: admin)).Body.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "calc.templates.windows");
        Assert.Equal("""[{"job":"w1","operators":["time-window-aggregation"]}]""", own.GetProperty("usedBy").GetRawText());
    }
}
