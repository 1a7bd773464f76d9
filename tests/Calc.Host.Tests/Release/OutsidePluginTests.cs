using System.Text.Json;

namespace Calc.Host.Tests.Release;

/// <summary>
/// A partner's path, outside the repository: a local package source with the freshly packed SDK and
/// template, `dotnet new calc-plugin`, build and test the result, publish it to a zip, `calc pack install`
/// it into the unpacked release and run a job with its operator.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class OutsidePluginTests(ReleaseFixture release)
{
    [Fact]
    public void ShouldBuildTestInstallAndRunAPluginMadeFromTheTemplate()
    {
        var work = Path.Combine(release.Root, "partner-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="calc-local" value="{release.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Its own dotnet home and package folder: nothing from the repository's builds or an earlier run is reused.
        var env = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(work, ".dotnet-home"),
            ["NUGET_PACKAGES"] = Path.Combine(work, ".nuget-packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["CALC_DATA_DIR"] = Path.Combine(work, ".calc-data"),
            ["CALC_PLUGIN_ROOTS"] = "",
        };
        var sdk = ReleaseFixture.SdkVersion(release.Repo);

        ProcessRun.Ok("dotnet", work, env, "new", "install", Path.Combine(release.Feed, $"Calc.Templates.Plugin.{sdk}.nupkg"));
        ProcessRun.Ok("dotnet", work, env, "new", "calc-plugin", "-n", "Acme.Foo", "-o", "Acme.Foo");
        var plugin = Path.Combine(work, "Acme.Foo");
        Assert.Contains($"\"sdkVersion\": \"{sdk}\"", File.ReadAllText(Path.Combine(plugin, "src", "Acme.Foo", "calc-plugin.json")), StringComparison.Ordinal);

        var tested = ProcessRun.Ok("dotnet", plugin, env, "test", "tests/Acme.Foo.Tests");
        Assert.Contains("Passed!", tested, StringComparison.Ordinal);
        ProcessRun.Ok("dotnet", plugin, env, "publish", "src/Acme.Foo", "-c", "Release");
        var zip = Path.Combine(plugin, "artifacts", "acme.foo-1.0.0.zip");
        Assert.True(File.Exists(zip));
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("Acme.Foo.dll", names);
            Assert.Contains("calc-plugin.json", names);
            Assert.DoesNotContain("Calc.Sdk.dll", names);
        }

        var installed = ProcessRun.Ok(release.Calc, work, env, "pack", "install", zip);
        Assert.Contains("pack acme.foo installed 1.0.0", installed, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(work, "job.json"), """
            {"id":"scale","orgId":"o1","pipeline":[{"op":"acme.foo.scale","params":{"input":"meter::P","output":"meter::P_KW","factor":0.001,"offset":0.5}}]}
            """);
        double[] watts = [1500, 2250, -40];
        File.WriteAllLines(Path.Combine(work, "in.ndjson"), watts.Select((w, i) =>
            $$"""{"orgId":"o1","modelId":"meter","assetId":"M1","pointId":"P","time":{{1_000 * (i + 1)}},"value":{{w}}}"""));
        ProcessRun.Ok(release.Calc, work, env, "check", "job.json");
        ProcessRun.Ok(release.Calc, work, env, "run", "job.json", "--input", "in.ndjson", "--output", "out.ndjson");

        var outputs = File.ReadAllLines(Path.Combine(work, "out.ndjson")).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(o => (o.GetProperty("pointId").GetString(), o.GetProperty("time").GetInt64(), o.GetProperty("value").GetDouble()))
            .ToArray();
        // value × 0.001 + 0.5: 1500 → 2.0, 2250 → 2.75, -40 → 0.46
        Assert.Equal([("P_KW", 1_000L, 2.0), ("P_KW", 2_000L, 2.75), ("P_KW", 3_000L, 0.46)],
            outputs.Select(o => (o.Item1, o.Item2, Math.Round(o.Item3, 12))));

    }
}
