using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Trust;

/// <summary>RFC 5280 sections 4.2.1.3, 4.2.1.9 and 4.2.1.12: the x5c leaf's key must be meant for signing credentials.</summary>
public sealed class X509LeafUsageTests : IDisposable
{
    private const string Issuer = "https://issuer.credentials.example.jp/ipa";
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _root;

    public X509LeafUsageTests()
    {
        var rootRequest = new CertificateRequest("CN=Usage Test Root CA", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public void Dispose()
    {
        _root.Dispose();
        _rootKey.Dispose();
        _leafKey.Dispose();
    }

    public static TheoryData<int> KeyUsagesWithoutDigitalSignature =>
    [
        (int)X509KeyUsageFlags.KeyAgreement,
        (int)X509KeyUsageFlags.KeyCertSign,
        (int)X509KeyUsageFlags.NonRepudiation,
        (int)(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment),
    ];

    [Theory]
    [MemberData(nameof(KeyUsagesWithoutDigitalSignature))]
    public async Task Resolve_LeafKeyUsageWithoutDigitalSignature_FailsWithKeyUsageNotPermitted(int usage)
    {
        using var leaf = IssueLeaf(new X509KeyUsageExtension((X509KeyUsageFlags)usage, true));

        var result = await ResolveAsync(leaf);

        Assert.Equal(X509IssuerKeyResolver.KeyUsageNotPermitted, result.Error!.Code);
    }

    public static TheoryData<string[]> RefusedExtendedKeyUsages =>
    [
        ["1.3.6.1.5.5.7.3.1"], // serverAuth
        ["1.3.6.1.5.5.7.3.2"], // clientAuth
        ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
        ["1.3.6.1.5.5.7.3.3"], // codeSigning
        ["1.3.6.1.5.5.7.3.4"], // emailProtection
        ["1.3.6.1.5.5.7.3.8"], // timeStamping
        ["1.0.18013.5.1.6"], // mdoc reader authentication
    ];

    [Theory]
    [MemberData(nameof(RefusedExtendedKeyUsages))]
    public async Task Resolve_LeafExtendedKeyUsageNotForDocumentSigning_FailsWithKeyUsageNotPermitted(string[] oids)
    {
        using var leaf = IssueLeaf(Eku(oids));

        var result = await ResolveAsync(leaf);

        Assert.Equal(X509IssuerKeyResolver.KeyUsageNotPermitted, result.Error!.Code);
    }

    public static TheoryData<string[]> AcceptedExtendedKeyUsages =>
    [
        ["2.5.29.37.0"], // anyExtendedKeyUsage
        ["1.3.6.1.5.5.7.3.36"], // id-kp-documentSigning (RFC 9336)
        ["1.0.18013.5.1.2"], // ISO/IEC 18013-5 document signer
        ["1.3.6.1.5.5.7.3.1", "1.0.18013.5.1.2"],
    ];

    [Theory]
    [MemberData(nameof(AcceptedExtendedKeyUsages))]
    public async Task Resolve_LeafWithDocumentSigningUsage_ReturnsKey(string[] oids)
    {
        using var leaf = IssueLeaf(Eku(oids), new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));

        var result = await ResolveAsync(leaf);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Resolve_LeafWithoutUsageExtensions_ReturnsKey()
    {
        using var leaf = IssueLeaf();

        var result = await ResolveAsync(leaf);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Resolve_LeafThatIsACa_FailsWithKeyUsageNotPermitted()
    {
        using var leaf = IssueLeaf(new X509BasicConstraintsExtension(true, false, 0, true));

        var result = await ResolveAsync(leaf);

        Assert.Equal(X509IssuerKeyResolver.KeyUsageNotPermitted, result.Error!.Code);
    }

    private static X509EnhancedKeyUsageExtension Eku(string[] oids)
    {
        var collection = new OidCollection();
        foreach (var oid in oids)
        {
            collection.Add(new Oid(oid));
        }

        return new X509EnhancedKeyUsageExtension(collection, false);
    }

    private async Task<Credentials.VerificationResult<VerificationKey>> ResolveAsync(X509Certificate2 leaf)
    {
        var resolver = new X509IssuerKeyResolver([_root]);
        var chain = new JsonArray(Convert.ToBase64String(leaf.RawData));
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var token = JwsWriter.SignCompact(key, "{}"u8, "dc+sd-jwt", new Dictionary<string, JsonNode?> { ["x5c"] = chain });
        return await resolver.ResolveAsync(new IssuerKeyRequest(Issuer, Jws.ReadCompact(token).Value));
    }

    private X509Certificate2 IssueLeaf(params X509Extension[] extensions)
    {
        var request = new CertificateRequest("CN=Usage Test Issuer", _leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(Issuer));
        request.CertificateExtensions.Add(san.Build());
        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        return request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(_rootKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }
}
