using System;
using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;
using Credentials.W3c.OpenBadges;
using Xunit;
using static Credentials.Interop.Tests.W3c.W3cPeers;

namespace Credentials.Interop.Tests.W3c;

/// <summary>
/// Open Badges 3.0 proofs against independent implementations: <c>jose</c> verifies the JWT form (section 8.2) this
/// library issues, with the key from the token's <c>jwk</c> header; <c>@digitalbazaar/vc</c> with eddsa-rdfc-2022 and
/// the same pinned contexts verifies the Data Integrity badges this library signs with an HTTPS verification method of
/// the issuer (section 8.3, the form of the specification's examples), and this library verifies one it signs. Every
/// test also shows the receiving side refusing a tampered copy.
/// </summary>
public sealed class OpenBadgeProofInteropTests
{
    private const string IssuerUrl = "https://exam.example.jp/issuers/1";

    public static TheoryData<string> JwtAlgorithms => new() { "EdDSA", "ES256" };

    [Theory]
    [MemberData(nameof(JwtAlgorithms))]
    public async Task OurJwt_VerifiedByJoseWithEmbeddedJwk_AndTamperedCopyRefused(string algorithm)
    {
        Assert.True(JwsAlgorithm.TryGet(algorithm, out var alg));
        using var key = SigningKey.Create(alg);
        var badge = ExamCertificate(IssuerUrl);
        var credential = W3cCredential.Read(badge.ToJsonString()).GetValueOrThrow();
        var jwt = await new OpenBadgeJwtIssuer(key, new OpenBadgeJwtIssuerOptions { PublicKey = key.PublicJwk }).IssueAsync(credential);

        var accepted = await JoseVerifyOpenBadgeAsync(jwt, algorithm);
        var refused = await JoseVerifyOpenBadgeAsync(TamperedJwt(jwt), algorithm);

        Assert.True(accepted["valid"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.True(accepted["claimsMatch"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.Equal("JWT", accepted["header"]!["typ"]!.GetValue<string>());
        Assert.Equal(algorithm, accepted["header"]!["alg"]!.GetValue<string>());
        Assert.Equal("基本情報技術者試験 合格証書", accepted["payload"]!["name"]!.GetValue<string>());
        Assert.False(refused["valid"]!.GetValue<bool>());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", refused["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task OursSignedWithHttpsMethod_VerifiedByDigitalBazaarVc_AndTamperedCopyRefused()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var multikey = DidKey.Create(key).Value["did:key:".Length..];
        var methodId = IssuerUrl + "#" + multikey;
        var signed = await new DataIntegrityIssuer(key, methodId, new DataIntegrityIssuerOptions { DocumentLoader = PinnedJsonLdDocumentLoader.Default })
            .AddProofAsync(ExamCertificate(IssuerUrl), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });

        var accepted = await DigitalBazaarVerifyOpenBadgeAsync(signed, methodId, multikey);
        var refused = await DigitalBazaarVerifyOpenBadgeAsync(Tampered(signed), methodId, multikey);

        Assert.True(accepted["valid"]!.GetValue<bool>(), accepted.ToJsonString());
        Assert.False(refused["valid"]!.GetValue<bool>());
        Assert.NotEmpty(refused["errors"]!.AsArray());
    }

    [Fact]
    public async Task TheirsSignedWithHttpsMethod_VerifiedWithStaticResolver_AndTamperedCopyRefused()
    {
        var theirs = await RunAsync("ob-di-sign.mjs", new JsonObject { ["credential"] = ExamCertificate("https://replaced.example/by-the-peer") }, ContextsDirectory, IssuerUrl);
        var signed = theirs["credential"]!.AsObject();
        var methodId = theirs["verificationMethod"]!.GetValue<string>();
        var method = new VerificationMethod
        {
            Id = methodId,
            Type = VerificationMethodTypes.Multikey,
            Controller = IssuerUrl,
            PublicKeyMultibase = theirs["publicKeyMultibase"]!.GetValue<string>(),
        };
        var verifier = new W3cCredentialVerifier(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions
        {
            DataIntegrity = new DataIntegrityVerifierOptions { VerificationMethods = new StaticVerificationMethodResolver([method]) },
        });

        var accepted = await verifier.VerifyAsync(signed.ToJsonString());
        var refused = await verifier.VerifyAsync(Tampered(signed).ToJsonString());

        Assert.True(accepted.IsValid, accepted.Error?.ToString());
        Assert.Equal(IssuerUrl, accepted.Value.Issuer);
        Assert.Equal(methodId, accepted.Value.VerificationMethod);
        Assert.Equal(W3cSecuringMechanisms.DataIntegrity("eddsa-rdfc-2022"), accepted.Value.SecuringMechanism);
        Assert.False(refused.IsValid);
        Assert.Equal(DataIntegrityErrors.InvalidSignature, refused.Error.Code);
    }

    private static async Task<JsonObject> JoseVerifyOpenBadgeAsync(string jwt, string algorithm)
        => await RunAsync("ob-jwt-verify.mjs", new JsonObject { ["jwt"] = jwt, ["algorithms"] = new JsonArray(algorithm) });

    private static async Task<JsonObject> DigitalBazaarVerifyOpenBadgeAsync(JsonObject credential, string methodId, string multikey)
        => await RunAsync("ob-di-verify.mjs", new JsonObject
        {
            ["credential"] = credential.DeepClone(),
            ["methods"] = new JsonArray(new JsonObject { ["id"] = methodId, ["controller"] = IssuerUrl, ["publicKeyMultibase"] = multikey }),
        }, ContextsDirectory);

    // The token with the achievement's name changed in its payload, header and signature kept.
    private static string TamperedJwt(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["credentialSubject"]!["achievement"]!["name"] = "応用情報技術者試験";
        return string.Concat(parts[0], ".", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())), ".", parts[2]);
    }

    private static async Task<JsonObject> RunAsync(string script, JsonNode input, params string[] args)
    {
        var output = await NodeRunner.Shared.RunAsync(script, input.ToJsonString(), args);
        return JsonNode.Parse(output)?.AsObject() ?? throw new InvalidOperationException($"{script} printed nothing.");
    }
}
