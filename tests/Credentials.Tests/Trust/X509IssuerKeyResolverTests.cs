using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Trust;

public sealed class X509IssuerKeyResolverTests : IDisposable
{
    private const string Issuer = "https://issuer.credentials.example.jp/ipa";
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _root;

    public X509IssuerKeyResolverTests()
    {
        var rootRequest = new CertificateRequest("CN=Sample Root CA", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public void Dispose()
    {
        _root.Dispose();
        _rootKey.Dispose();
        _leafKey.Dispose();
    }

    [Fact]
    public async Task Resolve_ChainToAnchorWithMatchingSanUri_ReturnsLeafKey()
    {
        using var leaf = IssueLeaf(san => san.AddUri(new Uri(Issuer)));
        var result = await Resolve(Issuer, leaf);

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.CanVerify(JwsAlgorithm.Es256));
    }

    [Fact]
    public async Task Resolve_SanDnsNameMatchesHttpsIssuerHost_ReturnsLeafKey()
    {
        using var leaf = IssueLeaf(san => san.AddDnsName("issuer.credentials.example.jp"));
        var result = await Resolve(Issuer, leaf);

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Resolve_IssMatchesNoSan_FailsWithIssuerMismatch()
    {
        using var leaf = IssueLeaf(san => san.AddUri(new Uri("https://other.example.jp")));
        var result = await Resolve(Issuer, leaf);

        Assert.Equal(X509IssuerKeyResolver.IssuerMismatch, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_ChainToUnknownRoot_FailsWithInvalidChain()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherRequest = new CertificateRequest("CN=Attacker Root", otherKey, HashAlgorithmName.SHA256);
        otherRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherRoot = otherRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var leaf = IssueLeaf(san => san.AddUri(new Uri(Issuer)), otherRoot, otherKey);

        // The attacker includes their own root in x5c: it must not become a trust anchor.
        var result = await Resolve(Issuer, leaf, otherRoot);

        Assert.Equal(X509IssuerKeyResolver.InvalidChain, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_SelfSignedLeaf_FailsWithInvalidChain()
    {
        var resolver = new X509IssuerKeyResolver([_root]);
        var result = await Resolve(Issuer, _root);

        Assert.Equal(X509IssuerKeyResolver.InvalidChain, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_NoX5c_FailsWithInvalidChain()
    {
        var resolver = new X509IssuerKeyResolver([_root]);
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var jws = Jws.ReadCompact(JwsWriter.SignCompact(key, "{}"u8)).Value;

        var result = await resolver.ResolveAsync(new IssuerKeyRequest(Issuer, jws));

        Assert.Equal(X509IssuerKeyResolver.InvalidChain, result.Error!.Code);
    }

    [Fact]
    public async Task Resolve_ExpiredLeaf_FailsWithInvalidChain()
    {
        using var leaf = IssueLeaf(san => san.AddUri(new Uri(Issuer)));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(5));
        var resolver = new X509IssuerKeyResolver([_root], later);
        var result = await resolver.ResolveAsync(new IssuerKeyRequest(Issuer, SignedWith(leaf)));

        Assert.Equal(X509IssuerKeyResolver.InvalidChain, result.Error!.Code);
    }

    private async Task<Credentials.VerificationResult<VerificationKey>> Resolve(string issuer, X509Certificate2 leaf, X509Certificate2? extra = null)
    {
        var resolver = new X509IssuerKeyResolver([_root]);
        return await resolver.ResolveAsync(new IssuerKeyRequest(issuer, SignedWith(leaf, extra)));
    }

    private Jws SignedWith(X509Certificate2 leaf, X509Certificate2? extra = null)
    {
        var chain = new JsonArray(Convert.ToBase64String(leaf.RawData));
        if (extra is not null)
        {
            chain.Add(Convert.ToBase64String(extra.RawData));
        }

        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var token = JwsWriter.SignCompact(key, "{}"u8, "dc+sd-jwt", new System.Collections.Generic.Dictionary<string, JsonNode?> { ["x5c"] = chain });
        return Jws.ReadCompact(token).Value;
    }

    private X509Certificate2 IssueLeaf(Action<SubjectAlternativeNameBuilder> san, X509Certificate2? issuer = null, ECDsa? issuerKey = null)
    {
        var request = new CertificateRequest("CN=Sample Issuer", _leafKey, HashAlgorithmName.SHA256);
        var builder = new SubjectAlternativeNameBuilder();
        san(builder);
        request.CertificateExtensions.Add(builder.Build());
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        var signer = issuer ?? _root;
        return request.Create(signer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey ?? _rootKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }
}
