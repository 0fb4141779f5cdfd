using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>
/// A verifier identified by an X.509 certificate: a test root, a leaf for <c>verifier.example.jp</c> (the host of
/// <see cref="OpenId4VpTestData.ResponseUri"/>) under it, and Request Objects signed with the leaf's key and <c>x5c</c>.
/// </summary>
internal sealed class X509ClientIdTestBed : IDisposable
{
    public const string DnsName = "verifier.example.jp";

    public X509ClientIdTestBed()
    {
        Clock = TestClock.At(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        RootKey = SigningKey.Create(JwsAlgorithm.Es256);
        Root = VerifierCertificates.CreateRoot(RootKey, "Test Verifier Root", TimeSpan.FromDays(3650), Clock);
        LeafKey = SigningKey.Create(JwsAlgorithm.Es256);
        Leaf = VerifierCertificates.CreateLeaf(RootKey, Root, LeafKey, DnsName, TimeSpan.FromDays(90), Clock);
    }

    public FakeTimeProvider Clock { get; }

    public SigningKey RootKey { get; }

    public X509Certificate2 Root { get; }

    public SigningKey LeafKey { get; }

    public X509Certificate2 Leaf { get; }

    public string SanDnsClientId => ClientIdentifier.ForX509SanDns(DnsName).Value;

    public string HashClientId => ClientIdentifier.ForX509Hash(Leaf).Value;

    public OpenId4VpRequestReaderOptions ReaderOptions => new() { TrustAnchors = [Root], TimeProvider = Clock };

    public OpenId4VpRequestReader Reader(Func<OpenId4VpRequestReaderOptions, OpenId4VpRequestReaderOptions>? change = null)
        => new(change is null ? ReaderOptions : change(ReaderOptions));

    public AuthorizationRequest Request(string clientId, string? responseUri = null) => new()
    {
        ClientId = clientId,
        ResponseUri = responseUri ?? OpenId4VpTestData.ResponseUri,
        Nonce = "n-0S6_WzA2Mj",
        State = "state-1",
        DcqlQuery = OpenId4VpTestData.AgeQuery(),
    };

    /// <summary>Signs with <paramref name="signer"/> (default the leaf key) and puts <paramref name="chain"/> (default leaf only) in <c>x5c</c>.</summary>
    public string Sign(AuthorizationRequest request, SigningKey? signer = null, IEnumerable<X509Certificate2>? chain = null)
    {
        var x5c = new JsonArray((chain ?? [Leaf]).Select(c => (JsonNode)JsonValue.Create(Convert.ToBase64String(c.RawData))).ToArray());
        var now = Clock.GetUtcNow();
        return JwsWriter.SignCompact(signer ?? LeafKey, request.ToRequestObjectPayload(now, now.AddMinutes(5)), OpenId4VpConstants.RequestObjectType, new Dictionary<string, JsonNode?> { ["x5c"] = x5c });
    }

    public static AuthorizationRequestLink Link(string clientId, string requestObject)
        => AuthorizationRequestLink.Read(OpenId4VpTestData.Link([new("client_id", clientId), new("request", requestObject)])).GetValueOrThrow();

    public void Dispose()
    {
        Leaf.Dispose();
        Root.Dispose();
        LeafKey.Dispose();
        RootKey.Dispose();
    }
}
