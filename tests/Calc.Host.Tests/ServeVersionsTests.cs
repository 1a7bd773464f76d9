using System.Text.Json;
using Calc.Engine.Metadata;

namespace Calc.Host.Tests;

/// <summary><c>GET /jobs/{id}/versions</c> (who, when, a short diff) and <c>POST /jobs/{id}/rollback?version=N</c>, audited.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeVersionsTests : DataDirTest
{
    private const string Job = """
        {"id":"w","orgId":"o1","template":"time-window-aggregation","settings":{"window":"1h"},
         "policies":[{"input":"turbine::ActivePower","aggregation":"avg","output":"turbine::P_1H"}]}
        """;

    [Fact]
    public async Task ShouldListVersionsWithTheirAuthorAndDiffAndRollBack()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        string engineer;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            engineer = store.CreateToken("ci", "o1", "engineer", null).Secret;
        }

        await using var serve = new ServeHarness("127.0.0.1:9");
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/w", Job, engineer)).Status);
        var v2 = Job.Replace("\"1h\"", "\"30m\"", StringComparison.Ordinal).Replace("\"avg\"", "\"max\"", StringComparison.Ordinal);
        Assert.Equal(200, (await serve.Send(HttpMethod.Put, "/jobs/w", v2)).Status);

        var (status, versions) = await serve.Send(HttpMethod.Get, "/jobs/w/versions");
        Assert.Equal(200, status);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["anonymous", "ci"], versions.EnumerateArray().Select(v => v.GetProperty("by").GetString()));
        Assert.Equal(["settings.window: \"1h\" → \"30m\"", "policies[0].aggregation: \"avg\" → \"max\""], Diff(versions[0]));
        Assert.Equal(["(first version)"], Diff(versions[1]));

        var (rolled, body) = await serve.Send(HttpMethod.Post, "/jobs/w/rollback?version=1", null, engineer);
        Assert.Equal(200, rolled);
        Assert.Equal((3, 1, true), (body.GetProperty("version").GetInt32(), body.GetProperty("rolledBackTo").GetInt32(), body.GetProperty("changed").GetBoolean()));
        var (_, latest) = await serve.Send(HttpMethod.Get, "/jobs/w");
        Assert.Equal("1h", latest.GetProperty("job").GetProperty("settings").GetProperty("window").GetString());
        var (_, after) = await serve.Send(HttpMethod.Get, "/jobs/w/versions");
        Assert.Equal(["settings.window: \"30m\" → \"1h\"", "policies[0].aggregation: \"max\" → \"avg\""], Diff(after[0]));
        Assert.Equal("ci", after[0].GetProperty("by").GetString());

        // Rolling back to what is already the latest changes nothing; an unknown version is a 404.
        var (_, same) = await serve.Send(HttpMethod.Post, "/jobs/w/rollback?version=3", null, engineer);
        Assert.False(same.GetProperty("changed").GetBoolean());
        Assert.Equal(404, (await serve.Send(HttpMethod.Post, "/jobs/w/rollback?version=9", null, engineer)).Status);
        var audit = (await serve.Send(HttpMethod.Get, "/audit")).Body.EnumerateArray().Select(e => $"{e.GetProperty("token").GetString()} {e.GetProperty("action").GetString()} {e.GetProperty("detail").GetString()}").ToList();
        Assert.Equal(["ci job.rollback to version 1, saved as version 3", "anonymous job.put version 2", "ci job.put version 1 (new job)"], audit);
    }

    [Fact]
    public async Task ShouldDriveTheServiceWithTheJobsClient()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        string engineer;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            engineer = store.CreateToken("ci", "o1", "engineer", null).Secret;
        }

        await using var serve = new ServeHarness("127.0.0.1:9", insecureLocal: false);
        var url = serve.Http.BaseAddress!.ToString();
        var file = Write("w.json", Job);
        var (noToken, _, refused) = await Client("list", "--url", url);
        Assert.Equal(1, noToken);
        Assert.Contains("401", refused, StringComparison.Ordinal);
        Assert.Equal(0, (await Client("put", file, "--url", url, "--token", engineer)).Exit);
        Assert.Equal(0, (await Client("put", Write("w2.json", Job.Replace("\"1h\"", "\"2h\"", StringComparison.Ordinal)), "--url", url, "--token", engineer)).Exit);
        var (code, output, _) = await Client("versions", "w", "--url", url, "--token", engineer);
        Assert.Equal(0, code);
        Assert.Equal(["settings.window: \"1h\" → \"2h\"", ], Diff(JsonDocument.Parse(output).RootElement[0]));
        Assert.Equal(0, (await Client("rollback", "w", "--version", "1", "--url", url, "--token", engineer)).Exit);
        var (_, got, _) = await Client("get", "w", "--url", url, "--token", engineer);
        var job = JsonDocument.Parse(got).RootElement;
        Assert.Equal((3, "1h"), (job.GetProperty("version").GetInt32(), job.GetProperty("job").GetProperty("settings").GetProperty("window").GetString()));
        var (listed, list, _) = await Client("list", "--url", url, "--token", engineer);
        Assert.Equal((0, "w"), (listed, JsonDocument.Parse(list).RootElement[0].GetProperty("id").GetString()));
    }

    private static async Task<(int Exit, string Out, string Error)> Client(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.RunAsync(["jobs", .. args], TextReader.Null, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<string> Diff(JsonElement version) => [.. version.GetProperty("diff").EnumerateArray().Select(d => d.GetString()!)];
}
