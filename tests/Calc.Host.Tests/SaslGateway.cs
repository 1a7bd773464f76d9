using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Calc.Host.Tests;

/// <summary>
/// A Kafka listener that requires SASL/PLAIN in front of the embedded broker (librdkafka's mock cluster
/// has no SASL): it answers SaslHandshake and SaslAuthenticate itself — the server side of the real
/// Kafka protocol exchange — adds them to the broker's ApiVersions answer, and after a successful
/// authentication relays the connection to the broker unchanged. Wrong credentials get Kafka's
/// SASL_AUTHENTICATION_FAILED (58) and the connection is closed, as a broker does.
/// </summary>
internal sealed class SaslGateway : IDisposable
{
    private const short ApiVersions = 18;
    private const short SaslHandshake = 17;
    private const short SaslAuthenticate = 36;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstream;
    private readonly string _user;
    private readonly string _password;
    private readonly CancellationTokenSource _stop = new();

    public SaslGateway(int upstream, string user, string password)
    {
        _upstream = upstream;
        _user = user;
        _password = password;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Authentications refused so far.</summary>
    public int Refused { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var broker = new TcpClient();
        try
        {
            await broker.ConnectAsync(IPAddress.Loopback, _upstream, _stop.Token);
            var down = client.GetStream();
            var up = broker.GetStream();
            while (true)
            {
                var request = await ReadFrameAsync(down);
                var key = BinaryPrimitives.ReadInt16BigEndian(request);
                var version = BinaryPrimitives.ReadInt16BigEndian(request.AsSpan(2));
                var correlation = BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(4));
                var clientIdLength = BinaryPrimitives.ReadInt16BigEndian(request.AsSpan(8));
                var body = request.AsSpan(10 + Math.Max((short)0, clientIdLength)).ToArray();
                switch (key)
                {
                    case ApiVersions:
                        await WriteFrameAsync(up, request);
                        await WriteFrameAsync(down, WithSasl(await ReadFrameAsync(up), version));
                        break;
                    case SaslHandshake:
                        var mechanism = Encoding.UTF8.GetString(body, 2, BinaryPrimitives.ReadInt16BigEndian(body));
                        await WriteFrameAsync(down, Response(correlation, w =>
                        {
                            w.Int16(mechanism == "PLAIN" ? (short)0 : (short)33);
                            w.Int32(1);
                            w.String("PLAIN");
                        }));
                        break;
                    case SaslAuthenticate:
                        var auth = body.AsSpan(4, BinaryPrimitives.ReadInt32BigEndian(body)).ToArray();
                        var parts = Encoding.UTF8.GetString(auth).Split('\0');
                        var ok = parts.Length == 3 && parts[1] == _user && parts[2] == _password;
                        await WriteFrameAsync(down, Response(correlation, w =>
                        {
                            w.Int16(ok ? (short)0 : (short)58);
                            if (ok)
                            {
                                w.Int16(-1);
                            }
                            else
                            {
                                w.String("Authentication failed: Invalid username or password");
                            }

                            w.Int32(0);
                            if (version >= 1)
                            {
                                w.Int64(0);
                            }
                        }));
                        if (!ok)
                        {
                            Refused++;
                            return;
                        }

                        await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
                        return;
                    default:
                        return; // anything else before authentication: a SASL listener drops the connection
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The broker's ApiVersions answer with SaslHandshake v0–1 and SaslAuthenticate v0–1 added to its list.</summary>
    private static byte[] WithSasl(byte[] response, short version)
    {
        var error = BinaryPrimitives.ReadInt16BigEndian(response.AsSpan(4));
        if (error != 0)
        {
            return response;
        }

        var w = new Writer();
        w.Bytes(response.AsSpan(0, 6));
        var flexible = version >= 3;
        var at = 6;
        int count;
        if (flexible)
        {
            count = (int)ReadUVarint(response, ref at) - 1;
            w.UVarint((uint)(count + 3));
        }
        else
        {
            count = BinaryPrimitives.ReadInt32BigEndian(response.AsSpan(at));
            at += 4;
            w.Int32(count + 2);
        }

        foreach (var api in new short[] { SaslHandshake, SaslAuthenticate })
        {
            w.Int16(api);
            w.Int16(0);
            w.Int16(1);
            if (flexible)
            {
                w.UVarint(0);
            }
        }

        w.Bytes(response.AsSpan(at));
        return w.ToArray();
    }

    private static byte[] Response(int correlation, Action<Writer> body)
    {
        var w = new Writer();
        w.Int32(correlation);
        body(w);
        return w.ToArray();
    }

    private static uint ReadUVarint(byte[] data, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    private static async Task<byte[]> ReadFrameAsync(Stream stream)
    {
        var size = new byte[4];
        await stream.ReadExactlyAsync(size);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame);
        return frame;
    }

    private static async Task WriteFrameAsync(Stream stream, byte[] frame)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, frame.Length);
        await stream.WriteAsync(size);
        await stream.WriteAsync(frame);
        await stream.FlushAsync();
    }

    private sealed class Writer
    {
        private readonly MemoryStream _data = new();

        public void Int16(short v) => Span(2, s => BinaryPrimitives.WriteInt16BigEndian(s, v));

        public void Int32(int v) => Span(4, s => BinaryPrimitives.WriteInt32BigEndian(s, v));

        public void Int64(long v) => Span(8, s => BinaryPrimitives.WriteInt64BigEndian(s, v));

        public void String(string v)
        {
            var bytes = Encoding.UTF8.GetBytes(v);
            Int16((short)bytes.Length);
            _data.Write(bytes);
        }

        public void UVarint(uint v)
        {
            while (v >= 0x80)
            {
                _data.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }

            _data.WriteByte((byte)v);
        }

        public void Bytes(ReadOnlySpan<byte> bytes) => _data.Write(bytes);

        public byte[] ToArray() => _data.ToArray();

        private void Span(int length, SpanAction write)
        {
            Span<byte> buffer = stackalloc byte[8];
            write(buffer[..length]);
            _data.Write(buffer[..length]);
        }

        private delegate void SpanAction(Span<byte> span);
    }
}
