using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Interop.Tests.SdJwt.SdJwtScenario;

namespace Credentials.Interop.Tests.SdJwt;

/// <summary>
/// SD-JWTs we issue and present (with a KB-JWT) are verified by <c>@sd-jwt/core</c> 0.19.0, for EdDSA and ES256
/// issuers and holders in the compact and both JWS JSON serializations; tampered ones are rejected by both.
/// </summary>
public sealed class OursToTheirsTests
{
    public static TheoryData<string, string, string> Matrix => SdJwtScenario.Matrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_OurPresentationWithKeyBinding_TheirVerifierAcceptsWithOurClaims(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (_, presentation) = await IssueAndPresentOursAsync(issuer, holder);
        var node = SdJwtJs.ToNode(presentation, serialization);

        var theirs = await SdJwtJs.VerifyAsync(node, serialization, issuer.PublicJwk, issuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(node), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.True(ours.IsValid, ours.Error?.Code.Value);
        AssertOurSelection(theirs["claims"]);
        AssertSameClaims(Node(ours.Value.Claims), theirs["claims"]);
        Assert.Equal(issuerAlg, (string?)theirs["header"]?["alg"]);
        Assert.Equal(holderAlg, (string?)theirs["kb"]?["header"]?["alg"]);
        Assert.Equal("kb+jwt", (string?)theirs["kb"]?["header"]?["typ"]);
        // @sd-jwt/core checks the nonce but not aud (see TheirVerifierGapsTests): the caller checks what it returns.
        Assert.Equal(Audience, (string?)theirs["kb"]?["payload"]?["aud"]);
        Assert.Equal(Nonce, (string?)theirs["kb"]?["payload"]?["nonce"]);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_OneByteOfDisclosureChangedAfterKeyBinding_RejectedByTheirsAndOurs(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (_, presentation) = await IssueAndPresentOursAsync(issuer, holder);
        var tampered = MapDisclosures(SdJwtJs.ToNode(presentation, serialization), list =>
        {
            var i = IndexOfDisclosure(list, "given_name");
            list[i] = ChangeOneByte(list[i]);
            return list;
        });

        var theirs = await SdJwtJs.VerifyAsync(tampered, serialization, issuer.PublicJwk, issuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(tampered), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False(ours.IsValid);
        Assert.Equal(SdJwtErrors.UnreferencedDisclosure, ours.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_DisclosureRemovedAfterKeyBinding_RejectedByTheirsAndOurs(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (_, presentation) = await IssueAndPresentOursAsync(issuer, holder);
        var tampered = MapDisclosures(SdJwtJs.ToNode(presentation, serialization), list =>
        {
            list.RemoveAt(IndexOfDisclosure(list, "given_name"));
            return list;
        });

        var theirs = await SdJwtJs.VerifyAsync(tampered, serialization, issuer.PublicJwk, issuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(tampered), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Contains("sd_hash", (string?)theirs["error"], System.StringComparison.Ordinal);
        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.SdHashMismatch, ours.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_VerifierExpectsAnotherNonce_RejectedByTheirsAndOurs(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (_, presentation) = await IssueAndPresentOursAsync(issuer, holder);
        var node = SdJwtJs.ToNode(presentation, serialization);

        var theirs = await SdJwtJs.VerifyAsync(node, serialization, issuer.PublicJwk, issuerAlg, "another-nonce");
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(node), KeyBindingRequirement.Required(Audience, "another-nonce"));

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Contains("Nonce", (string?)theirs["error"], System.StringComparison.Ordinal);
        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.NonceMismatch, ours.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PresentAsync_KeyBindingJwtStripped_RejectedByTheirsAndOurs(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (_, presentation) = await IssueAndPresentOursAsync(issuer, holder);
        var stripped = SdJwtJs.ToNode(presentation.WithDisclosures(presentation.Disclosures), serialization);

        var theirs = await SdJwtJs.VerifyAsync(stripped, serialization, issuer.PublicJwk, issuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(stripped), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.Missing, ours.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task IssueAsync_OurIssuancePresentedByTheirHolder_OurVerifierAcceptsWithTheirClaims(string issuerAlg, string holderAlg, string serialization)
    {
        using var issuer = CreateKey(issuerAlg);
        using var holder = CreateKey(holderAlg);
        var (issued, _) = await IssueAndPresentOursAsync(issuer, holder);
        var frame = TheirFrame(IssuedIndexOf(issued, "JP"));

        var presented = await SdJwtJs.PresentAsync(SdJwtJs.ToNode(issued, serialization), serialization, frame, holder, Audience, Nonce, Now);
        var presentation = presented["presentation"]!;
        var ours = await OurVerifier(issuer).VerifyAsync(SdJwtJs.ToText(presentation), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True(ours.IsValid, ours.Error?.Code.Value);
        AssertOurSelection(Node(ours.Value.Claims));
        AssertSameClaims(presented["claims"], Node(ours.Value.Claims));
        Assert.Equal(Nonce, ours.Value.KeyBinding?.Nonce);
        Assert.Equal(holder.PublicJwk.ComputeThumbprint(), ours.Value.KeyBinding?.HolderKey.ComputeThumbprint());
    }
}
