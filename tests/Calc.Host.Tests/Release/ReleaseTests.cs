using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calc.Host.Tests.Release;

/// <summary>The unpacked release works on its own, with no repository around (cwd and data in a temp folder).</summary>
[Collection(ReleaseCollection.Name)]
public sealed partial class ReleaseTests(ReleaseFixture release)
{
    private const long T0 = 1_589_481_000_000; // 2020-05-14 18:30 UTC, on a 15-minute boundary

    [Fact]
    public void ShouldBeNamedAndVersionedFromVersionProps()
    {
        var version = ReleaseFixture.Version(release.Repo);
        Assert.Equal($"calc-{version}-linux-x64.tar.gz", Path.GetFileName(release.Tarball));
        var (dir, env) = Workspace();

        var output = ProcessRun.Ok(release.Calc, dir, env, "--version");

        Assert.Matches($@"^calc {Regex.Escape(version)} \(SDK {Regex.Escape(ReleaseFixture.SdkVersion(release.Repo))}, commit [0-9a-f]{{12}}\)", output);
        var folder = Path.GetDirectoryName(release.Calc)!;
        Assert.False(Directory.Exists(Path.Combine(folder, "runtimes")), "a linux-x64 release carries no runtimes/ of other platforms");
        Assert.False(Directory.Exists(Path.Combine(folder, "librdkafka")), "no Windows librdkafka copies");
        Assert.True(File.Exists(Path.Combine(folder, "systemd", "calc.service")));
    }

    [Fact]
    public void ShouldListEveryBuiltinTemplateProjectOfTheRepository()
    {
        var (dir, env) = Workspace();

        var output = ProcessRun.Ok(release.Calc, dir, env, "pack", "list");

        var manifests = Directory.GetFiles(Path.Combine(release.Repo, "templates"), "calc-plugin.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(manifests);
        foreach (var manifest in manifests)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var id = json.RootElement.GetProperty("id").GetString()!;
            Assert.Matches($@"(?m)^{Regex.Escape(id)}\s+{Regex.Escape(ReleaseFixture.Version(release.Repo))}\s+\S+\s+yes\s+yes\s", output);
            foreach (var op in json.RootElement.GetProperty("operators").EnumerateArray())
            {
                Assert.Contains(op.GetProperty("id").GetString()!, output, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("not installed with", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRunAnEnergyJobOnAFile()
    {
        var (dir, env) = Workspace();
        File.WriteAllText(Path.Combine(dir, "job.json"), """
            {"id":"pv-energy","orgId":"o1","pipeline":[{"op":"template","template":"energy-by-instant-power",
             "settings":{"timeZone":"UTC","detailInterval":"15m","maxGap":"1h"},
             "policies":[{"input":"inverter::AC_POWER","dailyOutput":"inverter::ENERGY_DAY","detailOutput":"inverter::ENERGY_15M"}]}]}
            """);
        File.WriteAllLines(Path.Combine(dir, "in.ndjson"), Enumerable.Range(0, 3).Select(i =>
            $$"""{"orgId":"o1","modelId":"inverter","assetId":"INV1","pointId":"AC_POWER","time":{{T0 + (i * 900_000)}},"value":1000}"""));

        ProcessRun.Ok(release.Calc, dir, env, "run", "job.json", "--input", "in.ndjson", "--output", "out.ndjson");

        var outputs = File.ReadAllLines(Path.Combine(dir, "out.ndjson")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(o => o.GetProperty("attr").GetProperty("calMode").GetString() == "final")
            .Select(o => (o.GetProperty("pointId").GetString(), o.GetProperty("time").GetInt64(), o.GetProperty("value").GetDouble()))
            .ToArray();
        // 1000 W for 15 min = 250 Wh per bucket; the day (from 00:00 UTC) holds both buckets.
        Assert.Equal(
            [("ENERGY_15M", T0, 250.0), ("ENERGY_15M", T0 + 900_000, 250.0), ("ENERGY_DAY", 1_589_414_400_000, 500.0)],
            outputs.OrderBy(o => o.Item1, StringComparer.Ordinal).ThenBy(o => o.Item2));
    }

    [Fact]
    public void ShouldRunTheDemo()
    {
        var (dir, env) = Workspace();

        var output = ProcessRun.Ok(release.Calc, dir, env, "demo", "--days", "1", "--inverters", "2", "--turbines", "1", "--fast");

        Assert.Matches(@"pv-energy\s+read\s+[1-9]", output);
        Assert.NotEmpty(File.ReadAllLines(Path.Combine(dir, ".calc-data", "demo", "results", "pv-energy.ndjson")));
    }

    [Fact]
    public async Task ShouldServeAndStopCleanlyOnSigterm()
    {
        var (dir, env) = Workspace();
        // An admin's first steps: a token (printed once), then the service, which refuses requests without one.
        var (created, token, said) = ProcessRun.Run(release.Calc, dir, env, "token", "create", "--org", "o1", "--role", "admin", "--name", "release-test");
        Assert.True(created == 0, said);
        token = token.Trim(); // stdout holds the secret alone; the explanation goes to stderr
        using var serve = ProcessRun.Start(release.Calc, dir, env, "serve", "--listen", "127.0.0.1:0");
        var log = new System.Text.StringBuilder();
        string? address = null;
        var deadline = DateTime.UtcNow.AddMinutes(2); // a bound on a child process starting, not a timing assertion
        while (address is null && DateTime.UtcNow < deadline && await serve.StandardError.ReadLineAsync() is { } line)
        {
            log.AppendLine(line);
            address = Address().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
        }

        Assert.True(address is not null, log.ToString());
        var rest = serve.StandardError.ReadToEndAsync();
        var stdout = serve.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(401, (int)(await http.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(200, (int)health.StatusCode);
        var jobs = await http.GetStringAsync(new Uri("/jobs", UriKind.Relative));
        Assert.StartsWith("[", jobs.TrimStart(), StringComparison.Ordinal);

        ProcessRun.Ok("kill", dir, null, "-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(serve.WaitForExit(TimeSpan.FromMinutes(1)), "calc serve did not stop on SIGTERM");
        Assert.True(serve.ExitCode == 0, log + await rest + await stdout);
    }

    [Fact]
    public void ShouldShipASystemdUnitThatVerifies()
    {
        var (dir, _) = Workspace();
        var unit = File.ReadAllText(Path.Combine(Path.GetDirectoryName(release.Calc)!, "systemd", "calc.service"));
        Assert.Contains("ExecStart=/opt/calc/calc serve", unit, StringComparison.Ordinal);
        var copy = Path.Combine(dir, "calc.service");
        File.WriteAllText(copy, unit.Replace("/opt/calc/calc", release.Calc, StringComparison.Ordinal));

        ProcessRun.Ok("systemd-analyze", dir, null, "verify", copy);
    }

    private (string Dir, Dictionary<string, string> Env) Workspace()
    {
        var dir = Path.Combine(release.Root, "work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return (dir, new Dictionary<string, string> { ["CALC_DATA_DIR"] = Path.Combine(dir, ".calc-data"), ["CALC_PLUGIN_ROOTS"] = "" });
    }

    [GeneratedRegex(@"REST API on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Address();
}
