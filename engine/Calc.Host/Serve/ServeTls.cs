using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Calc.Host.Serve;

/// <summary><c>--tls-cert CERT.pem --tls-key KEY.pem</c>: the certificate <c>calc serve</c> answers HTTPS with.</summary>
internal static class ServeTls
{
    /// <summary>
    /// Loads the PEM certificate (its chain may follow it in the file) and its PEM private key. Null with no
    /// problem when neither flag is given; null with <paramref name="problem"/> set when they are incomplete or unreadable.
    /// </summary>
    public static X509Certificate2? Load(string? certPath, string? keyPath, out string? problem)
    {
        problem = null;
        if (certPath is null && keyPath is null)
        {
            return null;
        }

        if (certPath is null || keyPath is null)
        {
            problem = "--tls-cert and --tls-key go together: give the PEM certificate and its PEM private key";
            return null;
        }

        foreach (var (flag, path) in new[] { ("--tls-cert", certPath), ("--tls-key", keyPath) })
        {
            if (!File.Exists(path))
            {
                problem = $"{flag} {path}: no such file";
                return null;
            }
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (certificate.NotAfter < DateTime.Now)
            {
                problem = $"--tls-cert {certPath}: the certificate expired on {certificate.NotAfter:yyyy-MM-dd}; renew it";
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            problem = $"--tls-cert {certPath} / --tls-key {keyPath}: {ex.Message.TrimEnd('.')}: both must be PEM files (BEGIN CERTIFICATE / BEGIN PRIVATE KEY) of one key pair";
            return null;
        }
    }
}
