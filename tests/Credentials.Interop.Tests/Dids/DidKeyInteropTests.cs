using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Interop.Tests.Dids;

/// <summary>
/// A did:key made here resolves to the same public key in an independent implementation,
/// <c>@digitalbazaar/did-method-key</c> (pinned in node/package.json), through <c>node/did-key-resolve.mjs</c>.
/// </summary>
public sealed class DidKeyInteropTests
{
    public static TheoryData<string> Algorithms => new() { "EdDSA", "ES256", "ES384" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Create_OurDidKey_ResolvesToSamePublicKeyInDigitalBazaar(string algorithm)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var key = SigningKey.Create(alg);
        var did = DidKey.Create(key);

        var output = await NodeRunner.Shared.RunAsync("did-key-resolve.mjs", null, did.Value);
        var peer = JsonNode.Parse(output)!;

        Assert.Equal(did.Value, peer["id"]!.GetValue<string>());
        Assert.Equal(DidKey.GetKeyId(did).Value, peer["methodId"]!.GetValue<string>());
        Assert.Equal(did.MethodSpecificId, peer["publicKeyMultibase"]!.GetValue<string>());
        var jwk = peer["jwk"]!;
        Assert.Equal(key.PublicJwk.Kty, jwk["kty"]!.GetValue<string>());
        Assert.Equal(key.PublicJwk.Crv, jwk["crv"]!.GetValue<string>());
        Assert.Equal(key.PublicJwk.X, jwk["x"]!.GetValue<string>());
        Assert.Equal(key.PublicJwk.Y, jwk["y"]?.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_DidKeyFromPeerVector_DecodesToSameKeyAsPeer()
    {
        // The other direction: a DID the peer resolves, decoded by us, gives the peer's key.
        const string Did = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";

        var peer = JsonNode.Parse(await NodeRunner.Shared.RunAsync("did-key-resolve.mjs", null, Did))!["jwk"]!;
        var ours = DidKey.GetPublicKey(Credentials.Dids.Did.Parse(Did)).Value;

        Assert.Equal(peer["x"]!.GetValue<string>(), ours.X);
        Assert.Equal(peer["y"]!.GetValue<string>(), ours.Y);
    }
}
