using System.Globalization;
using StackExchange.Redis;

namespace Calc.Engine.State.Internal;

/// <summary>Parses <c>redis://[[USER]:PASSWORD@]HOST:PORT[/DB]</c> into client options.</summary>
internal static class RedisUrl
{
    public const int DefaultPort = 6379;

    public static ConfigurationOptions Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"not a redis URL: '{url}' (expected redis://HOST:PORT)");
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            options.User = parts.Length == 2 && user.Length > 0 ? user : null;
            options.Password = Uri.UnescapeDataString(parts.Length == 2 ? parts[1] : parts[0]);
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = int.Parse(path, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return options;
    }
}
