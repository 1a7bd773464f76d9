using System.Reflection;

namespace Calc.Host;

/// <summary>
/// What <c>calc --version</c> prints: the release (Version.props), the SDK it runs and the commit it was
/// built from. The build writes the commit into the informational version (<c>0.4.0+&lt;sha&gt;</c>, the
/// .NET SDK's source-control support); a build outside a git checkout has none and prints <c>unknown</c>.
/// </summary>
internal static class VersionInfo
{
    public static string Line()
    {
        var informational = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        if (commit.Length > 12)
        {
            commit = commit[..12];
        }

        return $"calc {version} (SDK {Sdk.SdkInfo.Version}, commit {commit})";
    }
}
