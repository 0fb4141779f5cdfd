using System.Linq;
using System.Text.Json;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Xunit;

namespace Credentials.Conformance.Tests.Dids;

public class DidKeyVectorTests
{
    private static readonly string[] SupportedCodecs = ["0xed", "0xec", "0x1200", "0x1201", "0xe7"];
    private static readonly string[] RejectedCodecs = ["0xeb", "0xee", "0x1205", "0x1202"];

    public static TheoryData<string, string> SupportedVectors() => Vectors(SupportedCodecs);

    public static TheoryData<string, string> RejectedVectors() => Vectors(RejectedCodecs);

    public static TheoryData<string> Ed25519Dids()
    {
        var data = new TheoryData<string>();
        foreach (var property in DidVectors.Load("did-key/ed25519-x25519.json").EnumerateObject())
        {
            data.Add(property.Name);
        }

        return data;
    }

    private static TheoryData<string, string> Vectors(string[] codecs)
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in DidVectors.Load("did-key/did_key_normalized.json").GetProperty("vectors").EnumerateArray())
        {
            var codec = vector.GetProperty("multicodec").GetString()!;
            if (codecs.Contains(codec))
            {
                data.Add(vector.GetProperty("did").GetString()!, codec);
            }
        }

        return data;
    }

    private static JsonElement FindVector(string did)
        => DidVectors.Load("did-key/did_key_normalized.json").GetProperty("vectors").EnumerateArray()
            .Single(v => v.GetProperty("did").GetString() == did);

    [Fact]
    public void Vectors_CoverEveryRequiredKeyType_AllFiveCodecsPresent()
    {
        var codecs = SupportedVectors().Select(row => (string)row[1]).ToHashSet();
        Assert.Equal(SupportedCodecs.ToHashSet(), codecs);
        Assert.Equal(20, SupportedVectors().Count);
    }

    [Theory]
    [MemberData(nameof(SupportedVectors))]
    public void GetPublicKey_VectorDid_ReturnsExactJwk(string did, string codec)
    {
        var expected = Jwk.Read(FindVector(did).GetProperty("publicKeyJwk")).Value;

        var key = DidKey.GetPublicKey(Did.Parse(did));

        Assert.True(key.IsValid, $"{codec}: {key.Error}");
        Assert.Equal(expected.Kty, key.Value.Kty);
        Assert.Equal(expected.Crv, key.Value.Crv);
        Assert.Equal(expected.X, key.Value.X);
        Assert.Equal(expected.Y, key.Value.Y);
    }

    [Theory]
    [MemberData(nameof(SupportedVectors))]
    public void Create_VectorJwk_ReturnsExactDid(string did, string codec)
    {
        var jwk = Jwk.Read(FindVector(did).GetProperty("publicKeyJwk")).Value;

        var created = DidKey.Create(jwk);

        Assert.Equal(did, created.Value);
        Assert.NotEmpty(codec);
    }

    [Theory]
    [MemberData(nameof(SupportedVectors))]
    public void Resolve_VectorDid_DocumentKeyEqualsDecodedKey(string did, string codec)
    {
        var document = DidKey.Resolve(Did.Parse(did));

        Assert.True(document.IsValid, $"{codec}: {document.Error}");
        var method = Assert.Single(document.Value.VerificationMethod);
        Assert.Equal(did + "#" + did["did:key:".Length..], method.Id);
        Assert.Equal(VerificationMethodTypes.Multikey, method.Type);
        Assert.Equal(DidKey.GetPublicKey(Did.Parse(did)).Value, method.GetPublicKey().Value);
    }

    [Theory]
    [MemberData(nameof(RejectedVectors))]
    public void GetPublicKey_BlsRsaOrP521Did_FailsWithUnsupportedKeyType(string did, string codec)
    {
        var key = DidKey.GetPublicKey(Did.Parse(did));

        Assert.False(key.IsValid, codec);
        Assert.Equal(DidErrors.UnsupportedKeyType, key.Error.Code);
        Assert.Equal(DidErrors.UnsupportedKeyType, DidKey.Resolve(Did.Parse(did)).Error!.Code);
    }

    [Theory]
    [MemberData(nameof(Ed25519Dids))]
    public void Resolve_Ed25519VectorDid_KeyAgreementIsUpstreamDerivedX25519Key(string did)
    {
        var upstream = DidVectors.Load("did-key/ed25519-x25519.json").GetProperty(did).GetProperty("keyAgreementKeyPair");
        var expectedMultibase = upstream.GetProperty("id").GetString()!.Split('#')[1];
        var expectedX = UpstreamPublicKey(upstream);

        var document = DidKey.Resolve(Did.Parse(did)).Value;

        var entry = Assert.Single(document.KeyAgreement);
        Assert.NotNull(entry.Embedded);
        Assert.Equal(expectedMultibase, entry.Embedded.PublicKeyMultibase);
        Assert.Equal(did + "#" + expectedMultibase, entry.Id);
        var jwk = entry.Embedded.GetPublicKey().Value;
        Assert.Equal(JwkCurves.X25519, jwk.Crv);
        Assert.Equal(expectedX, jwk.X);
    }

    [Theory]
    [MemberData(nameof(Ed25519Dids))]
    public void Resolve_Ed25519VectorDid_SigningKeyEqualsUpstreamVerificationKey(string did)
    {
        var upstream = DidVectors.Load("did-key/ed25519-x25519.json").GetProperty(did).GetProperty("verificationKeyPair");
        var expectedX = UpstreamPublicKey(upstream);

        var key = DidKey.GetPublicKey(Did.Parse(did)).Value;

        Assert.Equal(expectedX, key.X);
    }

    /// <summary>The upstream key pair's public key as base64url: from publicKeyBase58 or from publicKeyJwk.</summary>
    private static string UpstreamPublicKey(JsonElement keyPair)
        => keyPair.TryGetProperty("publicKeyBase58", out var base58)
            ? Credentials.Internal.StrictBase64Url.Encode(SimpleBase.Base58.Bitcoin.Decode(base58.GetString()!))
            : keyPair.GetProperty("publicKeyJwk").GetProperty("x").GetString()!;

    [Fact]
    public void Resolve_X25519VectorDid_OnlyKeyAgreement()
    {
        var count = 0;
        foreach (var property in DidVectors.Load("did-key/x25519.json").GetProperty("didDocument").EnumerateObject())
        {
            var document = DidKey.Resolve(Did.Parse(property.Name)).Value;

            Assert.Single(document.KeyAgreement);
            Assert.Empty(document.AssertionMethod);
            Assert.Empty(document.Authentication);
            count++;
        }

        Assert.Equal(4, count);
    }

    [Fact]
    public void Resolve_Ed25519Did_DocumentHasDidKeyV09Shape()
    {
        const string Did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        var document = DidKey.Resolve(Credentials.Dids.Did.Parse(Did)).Value;
        using var json = JsonDocument.Parse(document.ToJson());
        var root = json.RootElement;

        // did:key v0.9 section 3.1.1 example: one Multikey method under four relationships, the X25519 key under keyAgreement.
        Assert.Equal([DidContexts.DidV1, DidContexts.Multikey], root.GetProperty("@context").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var keyId = Did + "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        foreach (var relationship in new[] { "authentication", "assertionMethod", "capabilityDelegation", "capabilityInvocation" })
        {
            Assert.Equal(keyId, root.GetProperty(relationship)[0].GetString());
        }

        var keyAgreement = root.GetProperty("keyAgreement")[0];
        Assert.Equal(Did + "#z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", keyAgreement.GetProperty("id").GetString());
        Assert.Equal("Multikey", keyAgreement.GetProperty("type").GetString());
        Assert.Equal("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", keyAgreement.GetProperty("publicKeyMultibase").GetString());
    }
}
