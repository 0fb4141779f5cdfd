using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.VcJose;
using Xunit;
using static Credentials.Interop.Tests.W3c.W3cPeers;

namespace Credentials.Interop.Tests.W3c;

/// <summary>
/// <c>application/vc+jwt</c> (VC-JOSE-COSE section 3.1.1) against <c>jose</c>, EdDSA and ES256, both directions, on
/// the same exam certificate. Each test also shows the receiving side refusing a tampered copy.
/// </summary>
public sealed class VcJwtInteropTests
{
    public static TheoryData<string> Algorithms => new() { "EdDSA", "ES256" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task OursIssued_VerifiedByJose_AndTamperedCopyRefused(string algorithm)
    {
        using var key = KeyWithDidKid(algorithm);
        var did = DidKey.Create(key).Value;
        var credential = W3cCredential.Read(ExamCertificate(did).ToJsonString()).Value;
        var jwt = await new VcJwtIssuer(key).IssueAsync(credential);

        var accepted = await JoseVerifyAsync(jwt, key.PublicJwk, algorithm);
        var refused = await JoseVerifyAsync(WithPayload(jwt, Tampered(ExamCertificate(did))), key.PublicJwk, algorithm);

        Assert.True(accepted["valid"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.Equal("vc+jwt", accepted["header"]!["typ"]!.GetValue<string>());
        Assert.Equal(key.KeyId, accepted["header"]!["kid"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(ExamCertificate(did), accepted["credential"]));
        Assert.False(refused["valid"]!.GetValue<bool>());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", refused["code"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task JoseSigned_WithDidKeyKid_VerifiedByW3cCredentialVerifier_AndTamperedCopyRefused(string algorithm)
    {
        // The issuer's key as a did:key; jose signs with its private JWK and names it in kid, as a did:key issuer would.
        using var key = KeyWithDidKid(algorithm);
        var did = DidKey.Create(key).Value;
        var theirs = await JoseSignAsync(ExamCertificate(did), algorithm, key.ExportPrivateJwk(), key.KeyId);
        var jwt = theirs["jwt"]!.GetValue<string>();
        var verifier = OurVerifier();

        var accepted = await verifier.VerifyAsync(jwt);
        var refused = await verifier.VerifyAsync(WithPayload(jwt, Tampered(ExamCertificate(did))));

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(W3cSecuringMechanisms.VcJwt, accepted.Value.SecuringMechanism);
        Assert.Equal(did, accepted.Value.Issuer);
        Assert.Equal(algorithm, accepted.Value.Algorithm);
        Assert.Equal("基本情報技術者試験 合格証書", accepted.Value.Credential.Name?.ToString());
        Assert.False(refused.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, refused.Error.Code);
        Assert.Equal(CheckOutcome.Failed, refused.OutcomeOf(W3cCheckKind.Proof));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task JoseSigned_WithItsOwnKey_VerifiedByVcJwtVerifierWithThatKey_AndTamperedCopyRefused(string algorithm)
    {
        // jose generates the key; the issuer is an https URL and our verifier is given the key out of band.
        const string Issuer = "https://exam.example.jp/issuers/1";
        var theirs = await JoseSignAsync(ExamCertificate(Issuer), algorithm, kid: "https://exam.example.jp/issuers/1#key-1");
        var jwt = theirs["jwt"]!.GetValue<string>();
        var verifier = new VcJwtVerifier(new StaticIssuerKeyResolver(Jwk.Parse(theirs["publicJwk"]!.ToJsonString())));

        var accepted = await verifier.VerifyCredentialAsync(jwt);
        var refused = await verifier.VerifyCredentialAsync(WithPayload(jwt, Tampered(ExamCertificate(Issuer))));

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(Issuer, accepted.Value.Issuer);
        Assert.Equal("基本情報技術者試験", accepted.Value.Credential.CredentialSubjects[0].Json.GetProperty("achievement").GetProperty("name").GetString());
        Assert.False(refused.IsValid);
        Assert.Equal(JoseErrors.InvalidSignature, refused.Error.Code);
    }

    private static SigningKey KeyWithDidKid(string algorithm)
    {
        var jwsAlgorithm = algorithm == "ES256" ? JwsAlgorithm.Es256 : JwsAlgorithm.EdDsa;
        using var probe = SigningKey.Create(jwsAlgorithm);
        var kid = DidKey.GetKeyId(DidKey.Create(probe)).Value;
        return SigningKey.FromJwk(probe.ExportPrivateJwk() with { Kid = kid }, jwsAlgorithm);
    }

    /// <summary>The token with another payload and the original header and signature.</summary>
    private static string WithPayload(string jwt, JsonObject payload)
    {
        var parts = jwt.Split('.');
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts[0], encoded, parts[2]);
    }
}
