using System.Net;
using System.Net.Sockets;

namespace Calc.Engine.State.Internal;

internal static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (the caller retries if it is taken meanwhile).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
