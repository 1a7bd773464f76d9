namespace Calc.Host.Tests.Release;

/// <summary>
/// Builds what is shipped once per test run, as an admin and a partner get it: the release tarball
/// (build/release.sh, unpacked into an empty folder outside the repository) and the SDK packages and
/// template (build/pack-sdk.sh, in a folder used as a local NuGet source). Costs one ReadyToRun publish
/// and three packs (a few minutes on CI).
/// </summary>
public sealed class ReleaseFixture : IDisposable
{
    public ReleaseFixture()
    {
        Repo = FindRepo();
        Root = Path.Combine(Path.GetTempPath(), "calc-ship-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        var dist = Path.Combine(Root, "dist");
        var built = ProcessRun.Ok("bash", Repo, null, Path.Combine(Repo, "build", "release.sh"), "--out", dist);
        Tarball = built.Trim().Split('\n')[^1].Trim();
        Unpacked = Path.Combine(Root, "opt");
        Directory.CreateDirectory(Unpacked);
        ProcessRun.Ok("tar", Unpacked, null, "-xzf", Tarball);
        Calc = Path.Combine(Unpacked, Path.GetFileName(Tarball)[..^".tar.gz".Length], "calc");
        Feed = Path.Combine(Root, "feed");
        ProcessRun.Ok("bash", Repo, null, Path.Combine(Repo, "build", "pack-sdk.sh"), "--out", Feed);
    }

    public string Repo { get; }

    /// <summary>The temporary folder holding everything (outside the repository).</summary>
    public string Root { get; }

    public string Tarball { get; }

    public string Unpacked { get; }

    /// <summary>The unpacked release's <c>calc</c>.</summary>
    public string Calc { get; }

    /// <summary>The local package source: Calc.Sdk, Calc.Sdk.Testing, Calc.Templates.Plugin.</summary>
    public string Feed { get; }

    public static string Version(string repo) =>
        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(repo, "Version.props")), "<CalcVersion>([^<]+)</CalcVersion>").Groups[1].Value;

    public static string SdkVersion(string repo) =>
        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(repo, "Version.props")), "<CalcSdkVersion>([^<]+)</CalcSdkVersion>").Groups[1].Value;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Version.props")) && Directory.Exists(Path.Combine(dir.FullName, "build")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository (Version.props) is not above " + AppContext.BaseDirectory);
    }
}
