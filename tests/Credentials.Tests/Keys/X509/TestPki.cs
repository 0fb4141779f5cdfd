using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Tests.Keys.X509;

/// <summary>A root CA, an intermediate CA and an issuer leaf made with the platform's CertificateRequest.</summary>
internal sealed class TestPki : IDisposable
{
    public const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";
    public const string IssuerHost = "issuer.credentials.example.jp";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private TestPki(ECDsa rootKey, X509Certificate2 root, ECDsa intermediateKey, X509Certificate2 intermediate, ECDsa leafKey, X509Certificate2 leaf)
    {
        RootKey = rootKey;
        Root = root;
        IntermediateKey = intermediateKey;
        Intermediate = intermediate;
        LeafKey = leafKey;
        Leaf = leaf;
    }

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    public ECDsa IntermediateKey { get; }

    public X509Certificate2 Intermediate { get; }

    public ECDsa LeafKey { get; }

    /// <summary>The leaf, without its private key.</summary>
    public X509Certificate2 Leaf { get; }

    public static TestPki Create(ECCurve? leafCurve = null, string issuerUrl = IssuerUrl)
    {
        var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root CA, O=Credentials Tests, C=JP", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));

        var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var intermediateRequest = new CertificateRequest("CN=Test Issuing CA, O=Credentials Tests, C=JP", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var intermediate = intermediateRequest.Create(root, Now.AddMonths(-6), Now.AddYears(3), [1, 2, 3, 4]);

        var leafKey = ECDsa.Create(leafCurve ?? ECCurve.NamedCurves.nistP256);
        var leaf = CreateLeaf(leafKey, intermediate, intermediateKey, issuerUrl);
        return new TestPki(rootKey, root, intermediateKey, intermediate, leafKey, leaf);
    }

    public static X509Certificate2 CreateLeaf(ECDsa leafKey, X509Certificate2 issuer, ECDsa issuerKey, string issuerUrl)
    {
        var request = new CertificateRequest("CN=Test Issuer, O=Credentials Tests, C=JP", leafKey, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(issuerUrl));
        san.AddDnsName(new Uri(issuerUrl).Host);
        request.CertificateExtensions.Add(san.Build());
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), Now.AddDays(-30), Now.AddDays(300), [5, 6, 7, 8]);
    }

    /// <summary>PEM text of the certificates, in the order given.</summary>
    public static string Pem(params X509Certificate2[] certificates)
    {
        var text = string.Empty;
        foreach (var certificate in certificates)
        {
            text += certificate.ExportCertificatePem() + "\n";
        }

        return text;
    }

    /// <summary>A PFX with the leaf's key and every certificate, in a shuffled order.</summary>
    public byte[] Pfx(string? password)
    {
        using var leafWithKey = Leaf.CopyWithPrivateKey(LeafKey);

        // The root as a CA hands it out: without its private key.
        using var root = X509CertificateLoader.LoadCertificate(Root.RawData);
        var collection = new X509Certificate2Collection { root, leafWithKey, Intermediate };
        return collection.Export(X509ContentType.Pkcs12, password)!;
    }

    public void Dispose()
    {
        Leaf.Dispose();
        LeafKey.Dispose();
        Intermediate.Dispose();
        IntermediateKey.Dispose();
        Root.Dispose();
        RootKey.Dispose();
    }
}
