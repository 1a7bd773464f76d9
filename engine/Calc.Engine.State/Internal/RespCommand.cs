using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Calc.Engine.State.Internal;

/// <summary>Sends one argument-less command over a raw RESP connection (for admin commands such as SAVE).</summary>
internal static class RespCommand
{
    public static string Run(int port, string command)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 120_000;
        var request = Encoding.ASCII.GetBytes($"*1\r\n${command.Length}\r\n{command}\r\n");
        stream.Write(request);
        var reply = new StringBuilder();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            reply.Append((char)b);
        }

        var line = reply.ToString().TrimEnd('\r');
        if (line.StartsWith('-'))
        {
            throw new InvalidOperationException($"{command} failed: {line[1..]}");
        }

        return line;
    }
}
