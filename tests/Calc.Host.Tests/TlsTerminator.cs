using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Calc.Host.Tests;

/// <summary>
/// Debian's stunnel in front of a plaintext listener: clients speak TLS to <see cref="Port"/> with a
/// server certificate signed by a CA made for the test (<see cref="CaPath"/>), stunnel forwards in clear.
/// </summary>
internal sealed class TlsTerminator : IDisposable
{
    private readonly Process _process;

    private TlsTerminator(Process process, int port, string caPath)
    {
        _process = process;
        Port = port;
        CaPath = caPath;
    }

    public int Port { get; }

    /// <summary>The PEM of the CA that signed the server certificate: what a client must trust.</summary>
    public string CaPath { get; }

    public static TlsTerminator Start(string dir, int forwardTo)
    {
        var stunnel = new[] { "/usr/bin/stunnel4", "/usr/bin/stunnel" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("stunnel is not installed: test.sh installs Debian's stunnel4");
        var (ca, cert, key) = Certificates(dir);
        var port = FreePort();
        var config = Path.Combine(dir, "stunnel.conf");
        File.WriteAllText(config, $"""
            foreground = yes
            pid =
            debug = 5
            [kafka]
            accept = 127.0.0.1:{port}
            connect = 127.0.0.1:{forwardTo}
            cert = {cert}
            key = {key}
            """);
        var process = Process.Start(new ProcessStartInfo(stunnel, config) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var listening = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Configuration successful", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new InvalidOperationException("stunnel did not start within 30 s");
        }

        return new TlsTerminator(process, port, ca);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>A CA and a server certificate for 127.0.0.1 signed by it, as PEM files.</summary>
    private static (string Ca, string Cert, string Key) Certificates(string dir)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Calc test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var caCert = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(caCert, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4, 5, 6, 7, 8]);

        var ca = Path.Combine(dir, "ca.pem");
        var cert = Path.Combine(dir, "server.pem");
        var key = Path.Combine(dir, "server.key");
        File.WriteAllText(ca, caCert.ExportCertificatePem());
        File.WriteAllText(cert, server.ExportCertificatePem());
        File.WriteAllText(key, serverKey.ExportPkcs8PrivateKeyPem());
        return (ca, cert, key);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
