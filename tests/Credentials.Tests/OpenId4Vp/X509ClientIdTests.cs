using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>
/// The wallet's reading of <c>x509_san_dns</c> and <c>x509_hash</c> requests (OpenID4VP 1.0 section 5.9.3): the leaf
/// of <c>x5c</c> names or hashes to the Client Identifier, signed the request, and chains to a configured anchor.
/// </summary>
public sealed class X509ClientIdTests : IDisposable
{
    private readonly X509ClientIdTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private Task<VerificationResult<VerifiedAuthorizationRequest>> ReadAsync(string clientId, string requestObject, OpenId4VpRequestReader? reader = null)
        => (reader ?? _bed.Reader()).ReadAsync(X509ClientIdTestBed.Link(clientId, requestObject)).AsTask();

    [Fact]
    public async Task A_good_x509_san_dns_request_is_accepted_with_its_certificate()
    {
        var result = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId)));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.True(result.Value.IsSigned);
        Assert.Equal(_bed.Leaf.RawData, result.Value.ClientCertificate!.RawData);
        Assert.Equal(_bed.LeafKey.PublicJwk.X, result.Value.ClientKey!.X);
    }

    [Fact]
    public async Task A_good_x509_hash_request_is_accepted()
    {
        var result = await ReadAsync(_bed.HashClientId, _bed.Sign(_bed.Request(_bed.HashClientId), chain: [_bed.Leaf]));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(_bed.Leaf.RawData, result.Value.ClientCertificate!.RawData);
    }

    [Fact]
    public async Task A_leaf_without_the_client_ids_dns_name_is_a_certificate_mismatch()
    {
        const string other = "x509_san_dns:other.example.jp";
        var result = await ReadAsync(other, _bed.Sign(_bed.Request(other, "https://other.example.jp/response")));

        Assert.Equal(OpenId4VpErrors.ClientCertificateMismatch, result.Error?.Code);
        Assert.Equal("invalid_client", OpenId4VpErrors.ToOAuthError(result.Error!.Code));
    }

    [Fact]
    public async Task An_x509_hash_of_another_certificate_is_a_certificate_mismatch()
    {
        var clientId = ClientIdentifier.ForX509Hash(_bed.Root).Value;
        var result = await ReadAsync(clientId, _bed.Sign(_bed.Request(clientId)));

        Assert.Equal(OpenId4VpErrors.ClientCertificateMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task A_chain_to_an_anchor_the_wallet_does_not_trust_is_untrusted()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var otherRoot = VerifierCertificates.CreateRoot(otherKey, "Other Root", TimeSpan.FromDays(365), _bed.Clock);
        var reader = _bed.Reader(o => o with { TrustAnchors = [otherRoot] });

        var result = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId)), reader);
        var noAnchors = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId)), new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { TimeProvider = _bed.Clock }));

        Assert.Equal(OpenId4VpErrors.ClientCertificateUntrusted, result.Error?.Code);
        Assert.Equal(OpenId4VpErrors.ClientCertificateUntrusted, noAnchors.Error?.Code);
    }

    [Fact]
    public async Task An_expired_leaf_is_refused_as_expired()
    {
        var requestObject = _bed.Sign(_bed.Request(_bed.SanDnsClientId));
        _bed.Clock.Advance(TimeSpan.FromDays(91));
        // A fresh Request Object at the later time, so only the certificate has expired.
        requestObject = _bed.Sign(_bed.Request(_bed.SanDnsClientId));

        var result = await ReadAsync(_bed.SanDnsClientId, requestObject);

        Assert.Equal(OpenId4VpErrors.ClientCertificateExpired, result.Error?.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unsigned_request_with_an_x509_prefix_is_refused(bool sanDns)
    {
        var clientId = sanDns ? _bed.SanDnsClientId : _bed.HashClientId;
        var link = AuthorizationRequestLink.Read(OpenId4VpTestData.Link(_bed.Request(clientId).ToParameters())).GetValueOrThrow();

        var result = await _bed.Reader().ReadAsync(link);

        Assert.Equal(OpenId4VpErrors.UnsignedRequest, result.Error?.Code);
    }

    [Fact]
    public async Task A_signature_by_a_key_other_than_the_leafs_is_refused()
    {
        using var attacker = SigningKey.Create(JwsAlgorithm.Es256);

        var result = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId), signer: attacker));

        Assert.Equal(OpenId4VpErrors.InvalidRequestSignature, result.Error?.Code);
    }

    [Fact]
    public async Task A_response_uri_on_another_host_than_the_dns_name_is_an_invalid_client_id()
    {
        var result = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId, "https://attacker.example/response")));

        Assert.Equal(OpenId4VpErrors.InvalidClientId, result.Error?.Code);
    }

    [Fact]
    public async Task A_self_signed_leaf_is_refused_unless_pinned()
    {
        using var selfSigned = VerifierCertificates.CreateSelfSigned(_bed.LeafKey, X509ClientIdTestBed.DnsName, TimeSpan.FromDays(30), _bed.Clock);
        var requestObject = _bed.Sign(_bed.Request(_bed.SanDnsClientId), chain: [selfSigned]);

        var refused = await ReadAsync(_bed.SanDnsClientId, requestObject);
        var pinned = await ReadAsync(_bed.SanDnsClientId, requestObject, _bed.Reader(o => o with { PinnedClientCertificates = [selfSigned] }));

        Assert.Equal(OpenId4VpErrors.ClientCertificateUntrusted, refused.Error?.Code);
        Assert.True(pinned.IsValid, pinned.Error?.ToString());
    }

    [Fact]
    public async Task A_request_without_x5c_cannot_resolve_the_client_key()
    {
        var now = _bed.Clock.GetUtcNow();
        var requestObject = JwsWriter.SignCompact(_bed.LeafKey, _bed.Request(_bed.SanDnsClientId).ToRequestObjectPayload(now, now.AddMinutes(5)), OpenId4VpConstants.RequestObjectType);

        var result = await ReadAsync(_bed.SanDnsClientId, requestObject);

        Assert.Equal(OpenId4VpErrors.ClientKeyUnresolved, result.Error?.Code);
    }

    [Fact]
    public async Task A_chain_longer_than_the_limit_is_refused()
    {
        var chain = new[] { _bed.Leaf, _bed.Root, _bed.Root, _bed.Root, _bed.Root, _bed.Root };

        var result = await ReadAsync(_bed.SanDnsClientId, _bed.Sign(_bed.Request(_bed.SanDnsClientId), chain: chain));

        Assert.Equal(OpenId4VpErrors.ClientKeyUnresolved, result.Error?.Code);
    }

    [Fact]
    public void Client_identifiers_are_built_from_the_name_and_the_leaf()
    {
        Assert.Equal("x509_san_dns:verifier.example.jp", _bed.SanDnsClientId);
        Assert.Equal("x509_hash:" + VerifierCertificates.ComputeHash(_bed.Leaf), _bed.HashClientId);
        Assert.Equal(43, VerifierCertificates.ComputeHash(_bed.Leaf).Length);
        Assert.Throws<ArgumentException>(() => ClientIdentifier.ForX509SanDns("https://verifier.example.jp"));
    }
}
