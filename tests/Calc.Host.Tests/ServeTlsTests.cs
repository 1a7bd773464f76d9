using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Calc.Engine.Kafka;

namespace Calc.Host.Tests;

/// <summary><c>calc serve --tls-cert … --tls-key …</c>: the API answers HTTPS with that certificate, and only HTTPS.</summary>
[Collection(DataDirCollection.Name)]
public sealed class ServeTlsTests : DataDirTest
{
    [Fact]
    public async Task ShouldAnswerHttpsWithTheGivenCertificateAndRefusePlainHttp()
    {
        var (cert, key, certificate) = WriteSelfSigned(CliRunner.TempDir());
        using var _ = certificate;
        using var broker = new EmbeddedKafkaBroker();
        await using var serve = new ServeHarness(broker.Start(), "--tls-cert", cert, "--tls-key", key);
        var address = serve.Http.BaseAddress!;
        Assert.Equal("https", address.Scheme);

        // A client that trusts exactly this certificate gets the API.
        using var pinned = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        }) { BaseAddress = address };
        using var jobs = await pinned.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Equal("[]", (await jobs.Content.ReadAsStringAsync()).Trim());

        // One that does not trust it (self-signed, not in the system store) is refused in the handshake.
        using var untrusting = new HttpClient { BaseAddress = address };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/jobs"));
        Assert.IsType<AuthenticationException>(refused.InnerException);

        // Plain HTTP on the same port gets no answer.
        using var plain = new HttpClient { BaseAddress = new UriBuilder(address) { Scheme = "http" }.Uri };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("/jobs"));
    }

    [Fact]
    public void ShouldRefuseToStartWithAnIncompleteOrUnreadableCertificate()
    {
        var dir = CliRunner.TempDir();
        var (cert, _, certificate) = WriteSelfSigned(dir);
        certificate.Dispose();
        var notAKey = Path.Combine(dir, "not-a-key.pem");
        File.WriteAllText(notAKey, "hello\n");

        var (exit, _, error) = CliRunner.Run("serve", "--listen", "127.0.0.1:0", "--tls-cert", cert);
        Assert.Equal((2, "calc serve: --tls-cert and --tls-key go together: give the PEM certificate and its PEM private key"), (exit, error.Trim()));

        (exit, _, error) = CliRunner.Run("serve", "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", Path.Combine(dir, "missing.pem"));
        Assert.Equal((2, $"calc serve: --tls-key {Path.Combine(dir, "missing.pem")}: no such file"), (exit, error.Trim()));

        (exit, _, error) = CliRunner.Run("serve", "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", notAKey);
        Assert.Equal(2, exit);
        Assert.StartsWith($"calc serve: --tls-cert {cert} / --tls-key {notAKey}: ", error, StringComparison.Ordinal);
        Assert.EndsWith("both must be PEM files (BEGIN CERTIFICATE / BEGIN PRIVATE KEY) of one key pair", error.Trim(), StringComparison.Ordinal);
    }

    /// <summary>A self-signed certificate for 127.0.0.1, written as cert.pem and key.pem (what openssl would make).</summary>
    private static (string Cert, string Key, X509Certificate2 Certificate) WriteSelfSigned(string dir)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=calc-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var cert = Path.Combine(dir, "cert.pem");
        var key = Path.Combine(dir, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key, certificate);
    }
}
