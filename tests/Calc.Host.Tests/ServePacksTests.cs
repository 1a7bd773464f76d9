using System.IO.Compression;
using System.Text.Json;
using Calc.Engine.Metadata;

namespace Calc.Host.Tests;

/// <summary><c>GET /packs</c>, <c>POST /packs</c> (a zip) and <c>DELETE /packs/{id}</c>: what <c>calc pack</c> does on the host, over the API, for admins.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServePacksTests : DataDirTest
{
    private const string Job = """
        {"id":"versioned-job","orgId":"o1","pipeline":[{"op":"test.versioned","params":{"input":"m::IN","output":"m::VERSION"}}]}
        """;

    private const string Record = """{"orgId":"o1","modelId":"m","assetId":"A1","pointId":"IN","time":1000,"value":5}""";

    [Fact]
    public async Task ShouldInstallUpgradeListAndRemoveAPackUploadedAsAZip()
    {
        await using var serve = new ServeHarness("127.0.0.1:9");

        var (v1Status, v1) = await serve.SendBytes(HttpMethod.Post, "/packs", Zip("VersionedPluginV1"));
        var (v2Status, v2) = await serve.SendBytes(HttpMethod.Post, "/packs", Zip("VersionedPluginV2"));
        Assert.Equal(201, v1Status);
        Assert.Equal(("test.versioned", "1.0.0", JsonValueKind.Null), (v1.GetProperty("id").GetString(), v1.GetProperty("version").GetString(), v1.GetProperty("upgradedFrom").ValueKind));
        Assert.Equal(201, v2Status);
        Assert.Equal(("2.0.0", "1.0.0"), (v2.GetProperty("version").GetString(), v2.GetProperty("upgradedFrom").GetString()));

        // A job compiled after the upgrade runs the newer version: the operator writes its version number.
        Assert.Equal(201, (await serve.Send(HttpMethod.Put, "/jobs/versioned-job", Job)).Status);
        var (_, tested) = await serve.Send(HttpMethod.Post, "/jobs/versioned-job/test", $$"""{"records":[{{Record}}]}""");
        Assert.Equal(2.0, tested.GetProperty("outputs")[0].GetProperty("value").GetDouble());

        var (_, packs) = await serve.Send(HttpMethod.Get, "/packs");
        var versioned = packs.EnumerateArray().Where(p => p.GetProperty("id").GetString() == "test.versioned")
            .ToDictionary(p => p.GetProperty("version").GetString()!);
        Assert.Equal(["1.0.0", "2.0.0"], versioned.Keys.Order());
        Assert.False(versioned["1.0.0"].GetProperty("active").GetBoolean());
        Assert.True(versioned["2.0.0"].GetProperty("active").GetBoolean());
        Assert.Equal(["versioned-job"], versioned["2.0.0"].GetProperty("usedBy").EnumerateArray().Select(u => u.GetProperty("job").GetString()));
        Assert.Empty(versioned["1.0.0"].GetProperty("usedBy").EnumerateArray());
        Assert.Contains(packs.EnumerateArray(), p => p.GetProperty("id").GetString() == "calc.templates.windows" && p.GetProperty("builtIn").GetBoolean());

        var (inUse, refused) = await serve.Send(HttpMethod.Delete, "/packs/test.versioned");
        Assert.Equal(409, inUse);
        Assert.Equal("pack test.versioned is in use, not removed: job 'versioned-job' uses test.versioned. Delete those jobs first (DELETE /jobs/ID)", refused.GetProperty("error").GetString());
        Assert.Equal(200, (await serve.Send(HttpMethod.Delete, "/jobs/versioned-job")).Status);
        var (removedStatus, removed) = await serve.Send(HttpMethod.Delete, "/packs/test.versioned");
        Assert.Equal(200, removedStatus);
        Assert.Equal(["1.0.0", "2.0.0"], removed.GetProperty("removed").EnumerateArray().Select(p => p.GetProperty("version").GetString()).Order());
        Assert.Equal(404, (await serve.Send(HttpMethod.Delete, "/packs/test.versioned")).Status);
        Assert.Equal(409, (await serve.Send(HttpMethod.Delete, "/packs/calc.templates.windows")).Status);

        var audit = (await serve.Send(HttpMethod.Get, "/audit")).Body.EnumerateArray()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("target").GetString()} {e.GetProperty("detail").GetString()}")
            .Where(a => a.StartsWith("pack.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["pack.remove test.versioned 1.0.0, 2.0.0", "pack.install test.versioned 2.0.0 (upgraded from 1.0.0)", "pack.install test.versioned 1.0.0"], audit);
    }

    [Fact]
    public async Task ShouldRefuseAPackForAnotherSdkAnEmptyBodyAndNonAdmins()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "data"));
        string engineer;
        using (var store = MetadataStore.Open(Path.Combine(Dir, "data", MetadataStore.FileName)))
        {
            engineer = store.CreateToken("ci", "o1", "engineer", null).Secret;
        }

        await using var serve = new ServeHarness("127.0.0.1:9");

        var (wrongStatus, wrong) = await serve.SendBytes(HttpMethod.Post, "/packs", Zip("WrongSdkPlugin"));
        Assert.Equal(422, wrongStatus);
        Assert.Contains(wrong.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("message").GetString()!.Contains("the plugin was built against SDK 2.0.0; this Calc runs SDK", StringComparison.Ordinal));
        Assert.DoesNotContain("test.wrong-sdk", (await serve.Send(HttpMethod.Get, "/packs")).Body.GetRawText(), StringComparison.Ordinal);

        var (emptyStatus, empty) = await serve.SendBytes(HttpMethod.Post, "/packs", []);
        Assert.Equal(400, emptyStatus);
        Assert.StartsWith("send the pack's .zip as the request body", empty.GetProperty("error").GetString(), StringComparison.Ordinal);

        var (forbidden, why) = await serve.Send(HttpMethod.Get, "/packs", token: engineer);
        Assert.Equal(403, forbidden);
        Assert.Equal("GET /packs needs the admin role; token 'ci' has the engineer role", why.GetProperty("error").GetString());
        Assert.Equal(403, (await serve.Send(HttpMethod.Delete, "/packs/calc.templates.windows", token: engineer)).Status);
    }

    private byte[] Zip(string plugin)
    {
        var zip = Path.Combine(Dir, plugin + ".zip");
        File.Delete(zip);
        ZipFile.CreateFromDirectory(TestPlugin(plugin), zip);
        return File.ReadAllBytes(zip);
    }
}
