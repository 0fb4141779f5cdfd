using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Xunit;

namespace Credentials.Interop.Tests.Pkcs11;

/// <summary>
/// SD-JWT VCs issued with an issuer key that never leaves a PKCS#11 token (SoftHSM2, <c>Pkcs11Signer</c>) are
/// verified by the npm peers: <c>jose</c> 6.2.17 checks the Issuer-signed JWT's signature with the token's public JWK,
/// <c>@sd-jwt/sd-jwt-vc</c> 0.19.0 resolves the disclosures and checks a presentation's KB-JWT; tampered ones it refuses.
/// </summary>
public sealed class TokenIssuedToTheirsTests : IClassFixture<TokenIssuerFixture>
{
    private const string IssuerId = "https://issuer.credentials.example.jp/ipa";
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string ExamName = "応用情報技術者試験";

    private readonly TokenIssuerFixture _fixture;

    public TokenIssuedToTheirsTests(TokenIssuerFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Algorithms => new("ES256", "ES384", "EdDSA");

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task IssuedWithTheTokenKey_JoseVerifiesTheSignatureWithTheTokensPublicJwk(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));

        var theirs = await JoseVerifyAsync(issued.IssuerSignedJwt, signer.PublicJwk, algorithm);

        Assert.True((bool?)theirs["valid"], theirs.ToJsonString());
        Assert.Equal(algorithm, (string?)theirs["header"]?["alg"]);
        Assert.Equal("ipa-" + algorithm, (string?)theirs["header"]?["kid"]);
        Assert.Equal("dc+sd-jwt", (string?)theirs["header"]?["typ"]);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task IssuedWithTheTokenKey_TheirSdJwtVcVerifierResolvesEveryDisclosure(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.Es256);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));

        var theirs = await VerifyAsync(issued.Serialize(), signer.PublicJwk, algorithm, nonce: null);

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        var claims = theirs["claims"]!;
        Assert.Equal(IssuerId, (string?)claims["iss"]);
        Assert.Equal(ExamVct, (string?)claims["vct"]);
        Assert.Equal(ExamName, (string?)claims["exam_name"]);
        Assert.Equal("2026-06-19", (string?)claims["passed_on"]);
        Assert.Equal("山田", (string?)claims["family_name"]);
        Assert.Equal(holder.PublicJwk.ComputeThumbprint(), Jwk.Parse(claims["cnf"]!["jwk"]!.ToJsonString()).ComputeThumbprint());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task PresentedWithKeyBinding_TheirVerifierAcceptsOnlyTheSelection(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));
        var presentation = await PresentAsync(issued, holder, "exam_name", "passed_on");

        var theirs = await VerifyAsync(presentation, signer.PublicJwk, algorithm, Nonce);

        Assert.True((bool?)theirs["ok"], theirs.ToJsonString());
        var claims = theirs["claims"]!.AsObject();
        Assert.Equal(ExamName, (string?)claims["exam_name"]);
        Assert.Equal("2026-06-19", (string?)claims["passed_on"]);
        Assert.False(claims.ContainsKey("family_name"));
        Assert.Equal("kb+jwt", (string?)theirs["kb"]?["header"]?["typ"]);
        Assert.Equal("EdDSA", (string?)theirs["kb"]?["header"]?["alg"]);
        Assert.Equal(Audience, (string?)theirs["kb"]?["payload"]?["aud"]);
        Assert.Equal(Nonce, (string?)theirs["kb"]?["payload"]?["nonce"]);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task SignatureChanged_TheirVerifiersRefuse(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));
        var presentation = await PresentAsync(issued, holder, "exam_name");
        var tampered = ChangeSignature(presentation);

        var theirs = await VerifyAsync(tampered, signer.PublicJwk, algorithm, Nonce);
        var jose = await JoseVerifyAsync(tampered.Split('~')[0], signer.PublicJwk, algorithm);

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
        Assert.False((bool?)jose["valid"], jose.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task DisclosureChanged_TheirVerifierRefuses(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));
        var presentation = await PresentAsync(issued, holder, "exam_name");
        var parts = presentation.Split('~');
        parts[1] = ChangeOneCharacter(parts[1], parts[1].Length / 2);
        var tampered = string.Join('~', parts);

        var theirs = await VerifyAsync(tampered, signer.PublicJwk, algorithm, Nonce);

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task VerifiedWithAnotherKeysJwk_TheirVerifierRefuses(string algorithm)
    {
        var signer = _fixture.Signer(algorithm);
        using var holder = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var other = SigningKey.Create(signer.Algorithm);
        var issued = await Issuer(signer).IssueAsync(Issuance(holder.PublicJwk));

        var theirs = await VerifyAsync(await PresentAsync(issued, holder, "exam_name"), other.PublicJwk, algorithm, Nonce);

        Assert.False((bool?)theirs["ok"], theirs.ToJsonString());
    }

    private static SdJwtVcIssuer Issuer(ISigner signer)
        => new(signer, new SdJwtVcIssuerOptions { Issuer = IssuerId });

    private static SdJwtVcIssuance Issuance(Jwk holder) => new()
    {
        Vct = ExamVct,
        Claims = SdJwtPayload.Create()
            .Claim("exam", ExamName)
            .Disclosable("exam_name", ExamName)
            .Disclosable("passed_on", "2026-06-19")
            .Disclosable("family_name", "山田"),
        HolderKey = holder,
        ExpiresAt = TimeProvider.System.GetUtcNow().AddYears(1),
    };

    private static async Task<string> PresentAsync(Credentials.SdJwt.SdJwtToken issued, SigningKey holder, params string[] claims)
    {
        var presented = await new SdJwtHolder().PresentAsync(issued, claims.Select(c => ClaimPath.Of(c)), new KeyBindingInput(Audience, Nonce), holder);
        Assert.True(presented.IsValid, presented.Error?.Code.Value);
        return presented.Value.Serialize();
    }

    // A character in the middle of the Issuer-signed JWT's signature: every bit there is a bit of r, s or the EdDSA signature.
    private static string ChangeSignature(string sdJwt)
    {
        var jwtEnd = sdJwt.IndexOf('~', StringComparison.Ordinal);
        var signatureStart = sdJwt.LastIndexOf('.', jwtEnd) + 1;
        return ChangeOneCharacter(sdJwt, signatureStart + ((jwtEnd - signatureStart) / 2));
    }

    private static string ChangeOneCharacter(string text, int index)
    {
        var chars = text.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static async Task<JsonObject> VerifyAsync(string sdJwt, Jwk issuerPublicJwk, string algorithm, string? nonce)
    {
        var request = new JsonObject
        {
            ["sdJwt"] = sdJwt,
            ["issuerJwk"] = JsonNode.Parse(issuerPublicJwk.ToJson()),
            ["alg"] = algorithm,
            ["nonce"] = nonce,
        };
        var stdout = await NodeRunner.Shared.RunAsync("sdjwtvc-verify.mjs", request.ToJsonString());
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static async Task<JsonObject> JoseVerifyAsync(string jws, Jwk publicJwk, string algorithm)
    {
        var request = new JsonObject
        {
            ["jws"] = jws,
            ["jwk"] = JsonNode.Parse(publicJwk.ToJson()),
            ["algorithms"] = new JsonArray(algorithm),
        };
        var stdout = await NodeRunner.Shared.RunAsync("jose-verify.mjs", request.ToJsonString());
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
