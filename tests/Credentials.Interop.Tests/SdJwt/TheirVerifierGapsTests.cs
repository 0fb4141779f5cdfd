using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.SdJwt;
using Credentials.Testing;
using Xunit;
using static Credentials.Interop.Tests.SdJwt.SdJwtScenario;

namespace Credentials.Interop.Tests.SdJwt;

/// <summary>
/// Where <c>@sd-jwt/core</c> 0.19.0's <c>SDJwtInstance.verify</c> does less than RFC 9901 section 7 requires, pinned
/// so that a change on their side shows up here (see README.md, "SD-JWT: where @sd-jwt/core 0.19.0 deviates").
/// Each test builds one presentation that their verifier accepts and that ours rejects with the code the RFC's check
/// maps to. Nothing in our code is bent to match theirs.
/// </summary>
public sealed class TheirVerifierGapsTests
{
    // The checks are verifier logic, independent of the algorithms; one mixed pair covers them.
    private const string IssuerAlg = "ES256";
    private const string HolderAlg = "EdDSA";

    [Fact]
    public async Task VerifyAsync_KeyBindingJwtForAnotherAudience_TheirsAcceptsOursFailsWithAudienceMismatch()
    {
        // RFC 9901 section 7.3 step 5: the verifier MUST check that aud is its own identifier. @sd-jwt/core checks
        // only the nonce and leaves aud to the caller.
        using var issuer = CreateKey(IssuerAlg);
        using var holder = CreateKey(HolderAlg);
        var issued = await OurIssuer(issuer).IssueAsync(OurPayload(Now), holder.PublicJwk);
        var presented = await OurHolder().PresentAsync(issued, [ClaimPath.Of("given_name")], new KeyBindingInput("https://other-verifier.example", Nonce), holder);
        Assert.True(presented.IsValid, presented.Error?.Code.Value);
        var text = presented.Value.Serialize();

        var theirs = await SdJwtJs.VerifyAsync(JsonValue.Create(text), Serializations.Compact, issuer.PublicJwk, IssuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(text, KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal("https://other-verifier.example", (string?)theirs["kb"]?["payload"]?["aud"]);
        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.AudienceMismatch, ours.Error.Code);
    }

    [Fact]
    public async Task VerifyAsync_KeyBindingJwtIssuedADayAgo_TheirsAcceptsOursFailsWithIatTooOld()
    {
        // RFC 9901 section 7.3 step 5: iat MUST be within an acceptable window. @sd-jwt/core only requires iat to be
        // present in the KB-JWT.
        using var issuer = CreateKey(IssuerAlg);
        using var holder = CreateKey(HolderAlg);
        var issued = await OurIssuer(issuer).IssueAsync(OurPayload(Now), holder.PublicJwk);
        var dayAgo = TestClock.At(TimeProvider.System.GetUtcNow().AddDays(-1));
        var presented = await OurHolder(dayAgo).PresentAsync(issued, [ClaimPath.Of("given_name")], new KeyBindingInput(Audience, Nonce), holder);
        Assert.True(presented.IsValid, presented.Error?.Code.Value);
        var text = presented.Value.Serialize();

        var theirs = await SdJwtJs.VerifyAsync(JsonValue.Create(text), Serializations.Compact, issuer.PublicJwk, IssuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(text, KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False(ours.IsValid);
        Assert.Equal(KeyBindingErrors.TooOld, ours.Error.Code);
    }

    [Fact]
    public async Task VerifyAsync_UnreferencedDisclosureCoveredByKeyBinding_TheirsIgnoresItOursFailsWithUnreferencedDisclosure()
    {
        // RFC 9901 section 7.1 step 5: a disclosure not referenced by any digest MUST make the verifier reject the
        // SD-JWT. @sd-jwt/core drops it silently; the KB-JWT's sd_hash covers it, so only that check can catch it.
        using var issuer = CreateKey(IssuerAlg);
        using var holder = CreateKey(HolderAlg);
        var issued = await OurIssuer(issuer).IssueAsync(OurPayload(Now), holder.PublicJwk);
        var selected = OurHolder().Select(issued, [ClaimPath.Of("given_name")]);
        Assert.True(selected.IsValid, selected.Error?.Code.Value);
        var stray = Disclosure.ForProperty("c3RyYXktZGlzY2xvc3VyZS0x", "given_name", Json("\"偽名\""));
        var withStray = selected.Value.WithDisclosures([.. selected.Value.Disclosures, stray]);
        var kb = await OurHolder().CreateKeyBindingJwtAsync(withStray, new KeyBindingInput(Audience, Nonce), holder);
        var text = withStray.WithKeyBindingJwt(kb).Serialize();

        var theirs = await SdJwtJs.VerifyAsync(JsonValue.Create(text), Serializations.Compact, issuer.PublicJwk, IssuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(text, KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal("太郎", (string?)theirs["claims"]?["given_name"]);
        Assert.False(ours.IsValid);
        Assert.Equal(SdJwtErrors.UnreferencedDisclosure, ours.Error.Code);
    }

    [Fact]
    public async Task VerifyAsync_DisclosedClaimCollidesWithPlaintextClaim_TheirsOverwritesOursFailsWithClaimCollision()
    {
        // RFC 9901 section 7.1 step 3.2.2.3 (3.2.2 item 3): if the disclosed claim name already exists at the level of
        // the _sd key, the SD-JWT MUST be rejected. @sd-jwt/core lets the disclosed value replace the signed plaintext
        // value. The issuer here is hand-made, since neither library's issuer produces such a payload.
        using var issuer = CreateKey(IssuerAlg);
        using var holder = CreateKey(HolderAlg);
        var disclosure = Disclosure.ForProperty("Y29sbGlzaW9uLXNhbHQtMTI4", "given_name", Json("\"上書き\""));
        var payload = new JsonObject
        {
            ["iss"] = IssuerId,
            ["iat"] = Now,
            ["given_name"] = "太郎",
            ["_sd"] = new JsonArray(disclosure.ComputeDigest(SdHashAlgorithm.Sha256)),
            ["_sd_alg"] = "sha-256",
            ["cnf"] = new JsonObject { ["jwk"] = JsonNode.Parse(holder.PublicJwk.ToJson()) },
        };
        var jwt = JwsWriter.SignCompact(issuer, Encoding.UTF8.GetBytes(payload.ToJsonString()), "example+sd-jwt");
        var parsed = Credentials.SdJwt.SdJwtToken.Read($"{jwt}~{disclosure.Encoded}~");
        Assert.True(parsed.IsValid, parsed.Error?.Code.Value);
        var kb = await OurHolder().CreateKeyBindingJwtAsync(parsed.Value, new KeyBindingInput(Audience, Nonce), holder);
        var text = parsed.Value.WithKeyBindingJwt(kb).Serialize();

        var theirs = await SdJwtJs.VerifyAsync(JsonValue.Create(text), Serializations.Compact, issuer.PublicJwk, IssuerAlg, Nonce);
        var ours = await OurVerifier(issuer).VerifyAsync(text, KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.Equal("上書き", (string?)theirs["claims"]?["given_name"]);
        Assert.False(ours.IsValid);
        Assert.Equal(SdJwtErrors.ClaimCollision, ours.Error.Code);
    }

    private static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

}
