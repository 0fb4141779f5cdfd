using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Interop.Tests.SdJwt.SdJwtScenario;

namespace Credentials.Interop.Tests.SdJwt;

/// <summary>
/// SD-JWTs issued by <c>@sd-jwt/core</c> 0.19.0 (disclosure frame with a recursive object, array elements and decoys)
/// are verified by ours when their holder presents them, and by theirs when our holder presents them; EdDSA and
/// ES256 issuers and holders, compact and both JWS JSON serializations.
/// </summary>
public sealed class TheirsToOursTests
{
    public static TheoryData<string, string, string> Matrix => SdJwtScenario.Matrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task VerifyAsync_TheirPresentationWithKeyBinding_IsValidWithTheirClaims(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var presentation = await TheirPresentationAsync(issuer, holder, serialization);

        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(presentation["presentation"]!), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True(ours.IsValid, ours.Error?.Code.Value);
        AssertTheirSelection(Node(ours.Value.Claims));
        AssertSameClaims(presentation["claims"], Node(ours.Value.Claims));
        Assert.Equal(Audience, ours.Value.KeyBinding?.Audience);
        Assert.Equal(Nonce, ours.Value.KeyBinding?.Nonce);
        Assert.Equal(holder.PublicJwk.ComputeThumbprint(), ours.Value.KeyBinding?.HolderKey.ComputeThumbprint());
        Assert.Equal(issuerAlg, ours.Value.Header.GetProperty("alg").GetString());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task VerifyAsync_TheirPresentationWithOneByteOfDisclosureChanged_FailsWithUnreferencedDisclosure(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var presentation = await TheirPresentationAsync(issuer, holder, serialization);
        var tampered = MapDisclosures(presentation["presentation"]!, list =>
        {
            var i = IndexOfDisclosure(list, "花子");
            list[i] = ChangeOneByte(list[i]);
            return list;
        });

        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(tampered), KeyBindingRequirement.Required(Audience, Nonce));
        var theirs = await SdJwtJs.VerifyAsync(tampered, serialization, issuer.PublicJwk, issuerAlg, Nonce);

        Assert.False(ours.IsValid);
        Assert.Equal(SdJwtErrors.UnreferencedDisclosure, ours.Error.Code);
        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task VerifyAsync_TheirPresentationWithDisclosureRemovedAfterKeyBinding_FailsWithSdHashMismatch(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var presentation = await TheirPresentationAsync(issuer, holder, serialization);
        var tampered = MapDisclosures(presentation["presentation"]!, list =>
        {
            list.RemoveAt(IndexOfDisclosure(list, "花子"));
            return list;
        });

        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(tampered), KeyBindingRequirement.Required(Audience, Nonce));
        var theirs = await SdJwtJs.VerifyAsync(tampered, serialization, issuer.PublicJwk, issuerAlg, Nonce);

        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.SdHashMismatch, ours.Error.Code);
        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task VerifyAsync_TheirPresentationSignedByAnotherIssuerKey_FailsWithInvalidSignature(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var other = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var presentation = await TheirPresentationAsync(issuer, holder, serialization);

        var ours = await OurVerifier(other).VerifyAsync(SdJwtJs.ToText(presentation["presentation"]!), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.False(ours.IsValid);
        Assert.Equal(Credentials.Jose.JoseErrors.InvalidSignature, ours.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_TheirIssuancePresentedByOurHolder_TheirVerifierAcceptsWithOurClaims(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var issued = await TheirIssuanceAsync(issuer, holder.PublicJwk, serialization);
        var parsed = Credentials.SdJwt.SdJwtToken.Read(SdJwtJs.ToText(issued["sdJwt"]!), TheirReaderOptions);
        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        AssertSameClaims(issued["claims"], await AllClaimsAsync(issuer, parsed.Value));

        var presented = await OurHolder().PresentAsync(
            parsed.Value,
            [ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality"), ElementPath(parsed.Value, "DE")],
            new KeyBindingInput(Audience, Nonce),
            holder);
        Assert.True(presented.IsValid, presented.Error?.Code.Value);
        var node = SdJwtJs.ToNode(presented.Value, serialization);
        var theirs = await SdJwtJs.VerifyAsync(node, serialization, issuer.PublicJwk, issuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(node), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        AssertTheirSelection(theirs["claims"]);
        Assert.True(ours.IsValid, ours.Error?.Code.Value);
        AssertSameClaims(Node(ours.Value.Claims), theirs["claims"]);
        Assert.Equal(holderAlg, (string?)theirs["kb"]?["header"]?["alg"]);
        Assert.Equal(Audience, (string?)theirs["kb"]?["payload"]?["aud"]);
    }

    private static async Task<JsonObject> TheirIssuanceAsync(Credentials.Keys.SigningKey issuer, Jwk holderPublicJwk, string serialization)
    {
        var (claims, frame) = TheirPayload(Now, holderPublicJwk);
        var issued = await SdJwtJs.IssueAsync(issuer, claims, frame, serialization, type: "example+sd-jwt");
        Assert.True((bool?)issued["ok"], issued.ToJsonString());
        return issued;
    }

    /// <summary>Their issuance presented by their holder: given_name, address.locality and the "DE" nationality.</summary>
    private static async Task<JsonObject> TheirPresentationAsync(Credentials.Keys.SigningKey issuer, Credentials.Keys.SigningKey holder, string serialization)
    {
        var issued = await TheirIssuanceAsync(issuer, holder.PublicJwk, serialization);
        var parsed = Credentials.SdJwt.SdJwtToken.Read(SdJwtJs.ToText(issued["sdJwt"]!), TheirReaderOptions);
        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        var frame = TheirFrame(IssuedIndexOf(parsed.Value, "DE"));

        var presented = await SdJwtJs.PresentAsync(issued["sdJwt"]!, serialization, frame, holder, Audience, Nonce, Now);

        Assert.True((bool?)presented["ok"], presented.ToJsonString());
        AssertTheirSelection(presented["claims"]);
        return presented;
    }

    /// <summary>Our verifier's view of an issuance with every disclosure (no key binding in an issuance).</summary>
    private static async Task<JsonNode?> AllClaimsAsync(Credentials.Keys.SigningKey issuer, Credentials.SdJwt.SdJwtToken issued)
    {
        var result = await OurVerifier(issuer).VerifyAsync(issued.Serialize(), KeyBindingRequirement.Optional(Audience, Nonce));
        Assert.True(result.IsValid, result.Error?.Code.Value);
        return Node(result.Value.Claims);
    }
}
