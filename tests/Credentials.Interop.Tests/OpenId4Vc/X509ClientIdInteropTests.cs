using System;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// OpenID4VP 1.0 section 5.9.3 x509 Client Identifiers (<c>x509_san_dns</c>, <c>x509_hash</c>; HAIP 1.0) with
/// <c>@openid4vc/openid4vp</c> 0.4.6 (script <c>node/oid4vc-vp-x509.mjs</c>). Their wallet-side parser resolves our
/// verifier's signed Request Object with the test root as its only trust (chain checked in their verifyJwt callback with
/// node:crypto, prefix rule with their getX509CertificateMetadata/x509_hash check); their verifier's
/// <c>createOpenid4vpAuthorizationRequest</c> makes an <c>x509_san_dns</c> request that our request reader checks.
/// </summary>
public sealed class X509ClientIdInteropTests
{
    [Theory]
    [InlineData(InteropVerifierKind.X509SanDns, false)]
    [InlineData(InteropVerifierKind.X509SanDns, true)]
    [InlineData(InteropVerifierKind.X509Hash, true)]
    public async Task TheirWallet_OurX509Request_ResolvedWithOurRootAsTrust(InteropVerifierKind kind, bool byReference)
    {
        await using var bed = await InteropVerifier.StartAsync(kind);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());
        var link = byReference ? transaction.ByReferenceLink! : transaction.ByValueLink;

        var output = await RunWalletAsync(link, bed.VerifierRoot);

        Assert.Null(output["refused"]);
        var prefix = kind == InteropVerifierKind.X509SanDns ? "x509_san_dns" : "x509_hash";
        Assert.Equal(prefix, output["client"]!["prefix"]!.GetValue<string>());
        Assert.Equal(transaction.Request.ClientId, output["request"]!["client_id"]!.GetValue<string>());
        Assert.Equal(kind == InteropVerifierKind.X509SanDns ? InteropVerifier.X509DnsName : ClientIdentifier.ForX509Hash(bed.VerifierLeaf).OriginalClientId,
            output["client"]!["identifier"]!.GetValue<string>());
        Assert.Equal(byReference ? "reference" : "value", output["jarSendBy"]!.GetValue<string>());
        // HAIP 1.0: the chain in x5c without the trust anchor; here the leaf alone.
        Assert.Equal(1, output["jarHeader"]!["x5cLength"]!.GetValue<int>());
        Assert.Equal("oauth-authz-req+jwt", output["jarHeader"]!["typ"]!.GetValue<string>());
        var verification = Assert.Single(output["verifications"]!.AsArray())!;
        Assert.True(verification["verified"]!.GetValue<bool>());
        Assert.Equal(transaction.Request.Nonce, output["request"]!["nonce"]!.GetValue<string>());
        Assert.Equal("age", output["dcqlQuery"]!["credentials"]![0]!["id"]!.GetValue<string>());
    }

    // Their verifyJwt callback (ours, in the script) finds no trust anchor for our chain: their library refuses the
    // request (Oauth2JwtVerificationError), as a wallet that does not trust our root must.
    [Fact]
    public async Task TheirWallet_OtherRootAsTrust_RefusesOurX509Request()
    {
        await using var bed = await InteropVerifier.StartAsync(InteropVerifierKind.X509SanDns);
        await using var other = await InteropVerifier.StartAsync(InteropVerifierKind.X509SanDns);
        var transaction = await bed.Verifier.CreateRequestAsync(InteropVerifier.AgeOver20Query());

        var output = await RunWalletAsync(transaction.ByReferenceLink!, other.VerifierRoot);

        Assert.Equal("Oauth2JwtVerificationError", output["refused"]!["error"]!.GetValue<string>());
        Assert.False(Assert.Single(output["verifications"]!.AsArray())!["verified"]!.GetValue<bool>());
    }

    // Their verifier (createOpenid4vpAuthorizationRequest, jar signer method x5c) signs an x509_san_dns request by value
    // with a leaf our VerifierCertificates made; our request reader, trusting only the root, accepts it and reads their
    // client_id, nonce, state, response_uri and DCQL query.
    [Fact]
    public async Task TheirVerifier_X509SanDnsRequest_OurReaderAcceptsWithTheRootAsTrust()
    {
        using var pki = new TestPki("verifier.example.jp");
        var output = await RunVerifierAsync(pki, "x509_san_dns:verifier.example.jp", "https://verifier.example.jp/openid4vp/response");
        Assert.Equal("x509_san_dns:verifier.example.jp", output["payload"]!["client_id"]!.GetValue<string>());
        Assert.Single(output["header"]!["x5c"]!.AsArray());

        var read = await new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { TrustAnchors = [pki.Root] })
            .ReadAsync(AuthorizationRequestLink.Read(output["link"]!.GetValue<string>()).GetValueOrThrow());

        Assert.True(read.IsValid, read.Error?.ToString());
        Assert.True(read.Value.IsSigned);
        Assert.Equal("x509_san_dns:verifier.example.jp", read.Value.Request.ClientId);
        Assert.Equal("nonce-8d1f2c", read.Value.Request.Nonce);
        Assert.Equal("state-77", read.Value.Request.State);
        Assert.Equal("https://verifier.example.jp/openid4vp/response", read.Value.Request.ResponseUri);
        Assert.Equal("age", Assert.Single(read.Value.Request.DcqlQuery!.Credentials).Id);
        Assert.Equal(pki.LeafKey.PublicJwk.ComputeThumbprint(), read.Value.ClientKey!.ComputeThumbprint());
    }

    // The same request checked by our reader against section 5.9.3 when something does not fit: another root
    // (openid4vp.client_certificate_untrusted), a client_id that is not the leaf's dNSName
    // (openid4vp.client_certificate_mismatch), a response_uri on another host (openid4vp.invalid_client_id).
    [Theory]
    [InlineData("untrusted")]
    [InlineData("san")]
    [InlineData("response_uri")]
    public async Task TheirVerifier_X509SanDnsRequestThatDoesNotFit_OurReaderRefuses(string broken)
    {
        using var pki = new TestPki("verifier.example.jp");
        using var otherPki = new TestPki("verifier.example.jp");
        var dns = broken == "san" ? "shop.example.jp" : "verifier.example.jp";
        var responseUri = broken == "response_uri" ? "https://elsewhere.example.jp/openid4vp/response" : $"https://{dns}/openid4vp/response";
        var output = await RunVerifierAsync(pki, "x509_san_dns:" + dns, responseUri);

        var read = await new OpenId4VpRequestReader(new OpenId4VpRequestReaderOptions { TrustAnchors = [broken == "untrusted" ? otherPki.Root : pki.Root] })
            .ReadAsync(AuthorizationRequestLink.Read(output["link"]!.GetValue<string>()).GetValueOrThrow());

        var expected = broken switch
        {
            "untrusted" => OpenId4VpErrors.ClientCertificateUntrusted,
            "san" => OpenId4VpErrors.ClientCertificateMismatch,
            _ => OpenId4VpErrors.InvalidClientId,
        };
        Assert.Equal(expected, read.Error?.Code);
    }

    private static async Task<JsonNode> RunWalletAsync(string link, X509Certificate2 trustAnchor)
    {
        var stdin = new JsonObject { ["mode"] = "wallet", ["link"] = link, ["trustAnchors"] = new JsonArray(Convert.ToBase64String(trustAnchor.RawData)) };
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-vp-x509.mjs", stdin.ToJsonString()))!;
    }

    private static async Task<JsonNode> RunVerifierAsync(TestPki pki, string clientId, string responseUri)
    {
        var stdin = new JsonObject
        {
            ["mode"] = "verifier",
            ["signerJwk"] = OAuthProofInteropTests.PrivateJwk(pki.LeafKey),
            ["x5c"] = new JsonArray(Convert.ToBase64String(pki.Leaf.RawData)),
            ["clientId"] = clientId,
            ["responseUri"] = responseUri,
            ["nonce"] = "nonce-8d1f2c",
            ["state"] = "state-77",
            ["dcqlQuery"] = JsonNode.Parse(InteropVerifier.AgeOver20Query().ToJson()),
        };
        return JsonNode.Parse(await NodeRunner.Shared.RunAsync("oid4vc-vp-x509.mjs", stdin.ToJsonString()))!;
    }

    /// <summary>A test root and a verifier leaf under it (dNSName <c>dnsName</c>), made with our VerifierCertificates.</summary>
    private sealed class TestPki : IDisposable
    {
        private readonly SigningKey _rootKey = SigningKey.Create(JwsAlgorithm.Es256);

        public TestPki(string dnsName)
        {
            Root = VerifierCertificates.CreateRoot(_rootKey, "Interop Peer Verifier Root", TimeSpan.FromDays(1));
            Leaf = VerifierCertificates.CreateLeaf(_rootKey, Root, LeafKey, dnsName, TimeSpan.FromHours(12));
        }

        public SigningKey LeafKey { get; } = SigningKey.Create(JwsAlgorithm.Es256);

        public X509Certificate2 Root { get; }

        public X509Certificate2 Leaf { get; }

        public void Dispose()
        {
            Root.Dispose();
            Leaf.Dispose();
            LeafKey.Dispose();
            _rootKey.Dispose();
        }
    }
}
