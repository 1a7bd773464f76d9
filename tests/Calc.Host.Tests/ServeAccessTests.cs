using System.Text.Json;
using Calc.Engine.Kafka;
using Calc.Engine.Metadata;

namespace Calc.Host.Tests;

/// <summary>
/// The access battery of <c>calc serve</c> (no <c>--insecure-local</c>): every endpoint is tried with no
/// token, a wrong one, an expired one, a revoked one, a token of another org and a too-weak role; each is
/// refused with 401, 403 or 404, and nothing changed (the job keeps its version and runs; the audit has
/// only the one change made with a valid token).
/// </summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeAccessTests : DataDirTest
{
    private const string WindJob = """
        {"id":"wind","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}],
         "source":{"kafka":{"topic":"points"}},"outputs":{"kafka":{"topic":"results","internal":false}}}
        """;

    private static readonly string TestBody = """{"records":[{"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"ActivePower","time":1000,"value":2}]}""";

    [Fact]
    public async Task ShouldRefuseEveryEndpointWithoutAValidTokenOfTheRightOrgAndRole()
    {
        var tokens = CreateTokens();
        using var broker = new EmbeddedKafkaBroker();
        var servers = broker.Start();
        broker.CreateTopic("points", 2);
        await using var serve = new ServeHarness(servers, insecureLocal: false);
        Assert.Contains("every request needs an API token", serve.Log, StringComparison.Ordinal);

        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/wind", WindJob, tokens["eng1"])).Status);
        await serve.Send(HttpMethod.Get, "/jobs/wind", token: tokens["view1"]);
        var v2 = WindJob.Replace("\"window\":\"1h\"", "\"window\":\"30m\"", StringComparison.Ordinal);
        var otherOrgTest = """{"job":{"id":"m","orgId":"o1","pipeline":[{"op":"expression","expression":"${turbine::A} + 1","output":"turbine::S"}]},"records":[]}""";

        // (method, path, body, the weakest role that may call it, whether it is about one of o1's jobs)
        (HttpMethod Method, string Path, string? Body, string Role, bool Scoped)[] endpoints =
        [
            (HttpMethod.Get, "/health", null, "admin", false),
            (HttpMethod.Get, "/health/ready", null, "admin", false),
            (HttpMethod.Get, "/metrics", null, "admin", false),
            (HttpMethod.Get, "/audit", null, "admin", false),
            (HttpMethod.Get, "/jobs", null, "viewer", false),
            (HttpMethod.Get, "/jobs/wind", null, "viewer", true),
            (HttpMethod.Get, "/jobs/wind?version=1", null, "viewer", true),
            (HttpMethod.Get, "/jobs/wind/versions", null, "viewer", true),
            (HttpMethod.Put, "/jobs/wind", v2, "engineer", true),
            (HttpMethod.Put, "/jobs/wind?dryRun=true", v2, "engineer", true),
            (HttpMethod.Get, "/me", null, "viewer", false),
            (HttpMethod.Get, "/packs", null, "admin", false),
            (HttpMethod.Post, "/jobs/wind/rollback?version=1", null, "engineer", true),
            (HttpMethod.Delete, "/jobs/wind", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/stop", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/start", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/restart", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/pause", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/resume", null, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/test", TestBody, "engineer", true),
            (HttpMethod.Post, "/jobs/wind/explain?asset=T1&point=turbine::P_1H&time=0", TestBody, "engineer", true),
            (HttpMethod.Post, "/test", otherOrgTest, "engineer", false),
            (HttpMethod.Post, "/explain?asset=T1&point=turbine::S&time=0", otherOrgTest, "engineer", false),
        ];

        var weaker = new Dictionary<string, string?> { ["viewer"] = null, ["engineer"] = "view1", ["admin"] = "eng1" };
        var refusals = new List<string>();
        foreach (var (method, path, body, role, scoped) in endpoints)
        {
            async Task Expect(int status, string? token, string who)
            {
                var (got, json) = await serve.Send(method, path, body, token);
                if (got != status || !json.TryGetProperty("error", out _))
                {
                    refusals.Add($"{method} {path} with {who}: expected {status}, got {got} {json}");
                }
            }

            await Expect(401, null, "no token");
            await Expect(401, "calc_tok_00000000_" + new string('x', 43), "a wrong token");
            await Expect(401, tokens["expired"], "an expired token");
            await Expect(401, tokens["revoked"], "a revoked token");
            if (weaker[role] is { } weak)
            {
                await Expect(403, tokens[weak], $"the {weak} token (too weak for {role})");
            }

            if (scoped)
            {
                await Expect(404, tokens["admin2"], "an admin token of org o2");
            }
        }

        // The liveness probe is the one endpoint without a token: it tells nothing but that the process serves.
        var (liveStatus, live) = await serve.Send(HttpMethod.Get, "/health/live");
        Assert.Equal((200, """{"status":"live"}"""), (liveStatus, live.GetRawText()));

        // POST /test with a job of o1, for an o2 engineer: 403.
        var (otherStatus, _) = await serve.Send(HttpMethod.Post, "/test", otherOrgTest, tokens["eng2"]);
        var (otherExplain, _) = await serve.Send(HttpMethod.Post, "/explain?asset=T1&point=turbine::S&time=0", otherOrgTest, tokens["eng2"]);
        Assert.Equal((403, 403), (otherStatus, otherExplain));
        Assert.True(refusals.Count == 0, string.Join("\n", refusals));

        // Nothing changed: still version 1 and running; o2 sees no job; the audit has only the first PUT.
        var (status, job) = await serve.Send(HttpMethod.Get, "/jobs/wind", token: tokens["view1"]);
        Assert.Equal(200, status);
        Assert.Equal(1, job.GetProperty("version").GetInt32());
        await serve.WaitFor("wind", s => s.GetProperty("state").GetString() == "running", "still running", token: tokens["view1"]);
        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/jobs", token: tokens["eng2"])).Body.GetArrayLength());
        Assert.Equal(1, (await serve.Send(HttpMethod.Get, "/jobs", token: tokens["view1"])).Body.GetArrayLength());
        var audit = (await serve.Send(HttpMethod.Get, "/audit", token: tokens["admin1"])).Body;
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal(("ci", "o1", "job.put", "wind", "version 1 (new job)"),
            (entry.GetProperty("token").GetString(), entry.GetProperty("org").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString(), entry.GetProperty("detail").GetString()));
        Assert.Equal(0, (await serve.Send(HttpMethod.Get, "/audit", token: tokens["admin2"])).Body.GetArrayLength());

        // An engineer of o1 may stop it: audited with its name.
        Assert.Equal(200, (await serve.Send(HttpMethod.Post, "/jobs/wind/stop", token: tokens["eng1"])).Status);
        var actions = (await serve.Send(HttpMethod.Get, "/audit", token: tokens["admin1"])).Body.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["job.stop", "job.put"], actions);
    }

    [Fact]
    public void ShouldRefuseInsecureLocalBeyondLoopback()
    {
        var (code, _, error) = CliRunner.Run("serve", "--insecure-local", "--listen", "0.0.0.0:0", "--bootstrap-servers", "127.0.0.1:1");
        Assert.Equal(2, code);
        Assert.Contains("--insecure-local serves requests without a token, so it needs a loopback --listen", error, StringComparison.Ordinal);
    }

    private Dictionary<string, string> CreateTokens()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        using var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName));
        var tokens = new Dictionary<string, string>
        {
            ["admin1"] = store.CreateToken("ops", "o1", "admin", null).Secret,
            ["eng1"] = store.CreateToken("ci", "o1", "engineer", DateTimeOffset.UtcNow.AddDays(1)).Secret,
            ["view1"] = store.CreateToken("grafana", "o1", "viewer", null).Secret,
            ["eng2"] = store.CreateToken("ci2", "o2", "engineer", null).Secret,
            ["admin2"] = store.CreateToken("ops2", "o2", "admin", null).Secret,
            ["expired"] = store.CreateToken("old", "o1", "admin", DateTimeOffset.UtcNow.AddDays(-1)).Secret,
        };
        var (revoked, secret) = store.CreateToken("gone", "o1", "admin", null);
        Assert.True(store.RevokeToken(revoked.Id));
        tokens["revoked"] = secret;
        return tokens;
    }
}
