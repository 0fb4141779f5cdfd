using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Tests.OAuth;

/// <summary>A throw-away root CA issuing attester certificates, for the attestation tests.</summary>
internal sealed class AttestationTestPki : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public AttestationTestPki(string subject)
    {
        var request = new CertificateRequest(subject, _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Root = request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 IssueLeaf(string subject, ECDsa leafKey, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        return request.Create(Root, now.AddDays(-1), now.AddDays(30), serial);
    }

    public static Jwk PrivateJwk(ECDsa key)
    {
        var p = key.ExportParameters(true);
        return new Jwk { Kty = "EC", Crv = "P-256", X = B64(p.Q.X!), Y = B64(p.Q.Y!), D = B64(p.D!) };
    }

    public void Dispose()
    {
        Root.Dispose();
        _rootKey.Dispose();
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
