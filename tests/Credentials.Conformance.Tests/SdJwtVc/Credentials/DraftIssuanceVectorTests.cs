using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Conformance.Tests.SdJwt;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Testing;
using Credentials.Trust;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Credentials.Conformance.Tests.SdJwtVc.Credentials;

/// <summary>
/// Our issuer and holder against the draft: the generator inputs of the draft's examples (spec-inputs/01, 02, 03-pid
/// with settings.yml: issuer and holder keys, iat, exp, nonce) issued with <see cref="SdJwtVcIssuer"/>, presented with
/// <see cref="SdJwtHolder"/> and verified with <see cref="SdJwtVcVerifier"/> give exactly the draft's processed
/// payloads (Figures 9, 11 and 28); the unsecured payloads of sections 2.2.2.1, 2.2.2.2 and 2.3.1 round-trip; the
/// registered claims are never disclosable. Salts differ from the draft's, so digests are compared structurally.
/// </summary>
public sealed class DraftIssuanceVectorTests : IDisposable
{
    private const long SettingsIat = 1683000000;
    private const long SettingsExp = 1883000000;
    private const string Verifier = "https://example.com/verifier";
    private const string Nonce = "1234567890";

    private static readonly string[] s_registered = ["iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"];

    private readonly SigningKey _issuerKey = SigningKey.FromJwk(SettingsKey("issuer_key"));
    private readonly SigningKey _holderKey = SigningKey.FromJwk(SettingsKey("holder_key"));
    private readonly TrustList _trust = new(
    [
        new TrustedIssuer { Issuer = "https://example.com/issuer", Keys = [SdJwtVcDraftVectors.IssuerPublicJwk()], CredentialTypes = ["*"] },
        new TrustedIssuer { Issuer = "https://pid-issuer.aendgard.example", Keys = [SdJwtVcDraftVectors.IssuerPublicJwk()], CredentialTypes = ["urn:example:eudi:pid:aendgard:1"] },
    ]);

    public void Dispose()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _trust.Dispose();
    }

    [Fact]
    public void Settings_Keys_AreTheDraftsIssuerAndHolderKeys()
    {
        Assert.Equal(SdJwtVcDraftVectors.IssuerPublicJwk().ComputeThumbprint(), _issuerKey.PublicJwk.ComputeThumbprint());
        var cnf = SdJwtVcDraftVectors.Value("section_2_2_2_1.json", 0).GetProperty("cnf").GetProperty("jwk");
        Assert.Equal(Jwk.Parse(cnf.GetRawText()).ComputeThumbprint(), _holderKey.PublicJwk.ComputeThumbprint());
    }

    [Theory]
    [InlineData("01", "section_2_3_1.json", 2, "section_2_3_2.json", 1)]
    [InlineData("02", "section_2_3_1.json", 2, "section_2_3_2.json", 3)]
    [InlineData("03-pid", "section_A_1.json", 1, "section_A_1.json", 5)]
    public async Task IssuePresentVerify_DraftGeneratorInput_GivesTheDraftsProcessedPayload(string input, string issuedFile, int issuedBlock, string expectedFile, int expectedBlock)
    {
        var spec = SdJwtVcDraftVectors.LoadSpecInput($"{input}/specification.yml");
        var keyBinding = SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(spec, "key_binding")!)!.GetValue<bool>();
        var claims = (YamlMappingNode)SdJwtPythonYaml.Get(spec, "user_claims")!;
        var issuerId = SdJwtPythonYaml.Get(claims, "iss") is { } iss ? SdJwtPythonYaml.ToJson(iss)!.GetValue<string>() : "https://example.com/issuer";
        var issued = await Issuer(issuerId).IssueAsync(new SdJwtVcIssuance
        {
            Vct = SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(claims, "vct")!)!.GetValue<string>(),
            Claims = Fill(claims),
            HolderKey = keyBinding ? _holderKey.PublicJwk : null,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(SettingsExp),
        });

        // The same Issuer-signed payload as the draft's, apart from the digests: same plaintext claims, as many digests.
        var ours = SdJwtVcDraftVectors.DecodeSegment(issued.IssuerSignedJwt, 1);
        var theirs = SdJwtVcDraftVectors.Block(issuedFile, issuedBlock).GetProperty("issuer_jwt_payload");
        var expectedPlaintext = keyBinding ? theirs : SdJwtVectors.Without(theirs, "cnf");
        SdJwtVectors.AssertJsonEqual(SdJwtVectors.Without(expectedPlaintext, "_sd"), SdJwtVectors.Without(ours, "_sd"));
        Assert.Equal(theirs.GetProperty("_sd").GetArrayLength(), ours.GetProperty("_sd").GetArrayLength());
        SdJwtVectors.AssertJsonEqual(SdJwtVcDraftVectors.Value("section_2_2_1.json", 0), SdJwtVcDraftVectors.DecodeSegment(issued.IssuerSignedJwt, 0));
        Assert.Equal(
            SdJwtVcDraftVectors.Block(issuedFile, issuedBlock).GetProperty("disclosures_decoded").EnumerateArray().Select(d => d.GetProperty("decoded")[1].GetString()).Order(StringComparer.Ordinal),
            issued.Disclosures.Select(d => d.ClaimName).Order(StringComparer.Ordinal));

        var selection = SdJwtPythonYaml.Selection(SdJwtPythonYaml.Get(spec, "holder_disclosed_claims")!);
        var presentation = await Present(issued, selection, keyBinding);
        var result = await new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(presentation, Policy(keyBinding ? KeyBindingRequirement.Required(Verifier, Nonce) : KeyBindingRequirement.Forbidden));

        Assert.True(result.IsValid, result.Error?.ToString());
        SdJwtVectors.AssertJsonEqual(SdJwtVcDraftVectors.Value(expectedFile, expectedBlock), result.Value.Claims);
        Assert.Equal(keyBinding ? CheckOutcome.Passed : CheckOutcome.NotChecked, result.OutcomeOf(CheckKind.KeyBinding));
    }

    [Theory]
    [InlineData("section_2_2_2_1.json")]
    [InlineData("section_2_2_2_2.json")]
    [InlineData("section_2_3_1.json")]
    public async Task IssuePresentVerify_DraftUnsecuredPayload_RoundTripsWithIat(string file)
    {
        // Every claim that is not a registered one is made disclosable and then disclosed; the verifier must give back
        // exactly the draft's unsecured payload plus the iat the issuer adds.
        var unsecured = SdJwtVcDraftVectors.Value(file, 0);
        var claims = SdJwtPayload.Create();
        foreach (var member in unsecured.EnumerateObject().Where(m => !s_registered.Contains(m.Name) && m.Name != "aka_vcts"))
        {
            claims.Disclosable(member.Name, JsonNode.Parse(member.Value.GetRawText()));
        }

        // aka_vcts describes the credential's types; it stays plaintext like vct.
        if (unsecured.TryGetProperty("aka_vcts", out var aka))
        {
            claims.Claim("aka_vcts", JsonNode.Parse(aka.GetRawText()));
        }

        var holderKey = unsecured.TryGetProperty("cnf", out var cnf) ? Jwk.Parse(cnf.GetProperty("jwk").GetRawText()) : null;
        var issued = await Issuer(issuerId: null).IssueAsync(new SdJwtVcIssuance
        {
            Vct = unsecured.GetProperty("vct").GetString()!,
            Claims = claims,
            HolderKey = holderKey,
            ExpiresAt = unsecured.TryGetProperty("exp", out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) : null,
        });
        var all = issued.Disclosures.Select(d => ClaimPath.Of(d.ClaimName!)).ToList();

        // A minute after issuance: the section 2.2.2.1 payload expires (1777707000) before the presentation examples' time.
        var clock = TestClock.AtUnixSeconds(SettingsIat + 60);
        var presentation = await Present(issued, all, holderKey is not null, clock);

        var result = await new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = clock })
            .VerifyAsync(presentation, Policy(holderKey is not null ? KeyBindingRequirement.Required(Verifier, Nonce) : KeyBindingRequirement.Forbidden));

        Assert.True(result.IsValid, result.Error?.ToString());
        var expected = JsonNode.Parse(unsecured.GetRawText())!.AsObject();
        expected["iat"] = SettingsIat;
        SdJwtVectors.AssertJsonEqual(SdJwtVectors.ToElement(expected), result.Value.Claims);
    }

    [Fact]
    public async Task Issue_NoSelectivelyDisclosableClaims_HasNoSdClaimAndNoDisclosures()
    {
        // Section 2.2.2.5 (-18: 2.2.2.4): an SD-JWT VC without selectively disclosable claims has no _sd and no disclosures.
        var excerpt = SdJwtVcDraftVectors.Value("section_2_2_2_2.json", 0);
        var issued = await Issuer("https://example.com/issuer").IssueAsync(new SdJwtVcIssuance
        {
            Vct = excerpt.GetProperty("vct").GetString()!,
            Claims = SdJwtPayload.Create().Claim("aka_vcts", JsonNode.Parse(excerpt.GetProperty("aka_vcts").GetRawText())),
        });

        Assert.Empty(issued.Disclosures);
        Assert.False(SdJwtVcDraftVectors.DecodeSegment(issued.IssuerSignedJwt, 1).TryGetProperty("_sd", out _));
        Assert.EndsWith("~", issued.Serialize(), StringComparison.Ordinal);
        var result = await new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(issued.Serialize(), Policy(KeyBindingRequirement.Forbidden) with { IssuerAuthorization = _trust });
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(excerpt.GetProperty("vct").GetString(), result.Value.Vct);
    }

    public static TheoryData<string> NeverDisclosable() => [.. SdJwtVcClaimNames.NeverDisclosable];

    [Theory]
    [MemberData(nameof(NeverDisclosable))]
    public void Issue_RegisteredClaimMarkedDisclosable_ThrowsArgumentException(string name)
    {
        var claims = SdJwtPayload.Create().Disclosable("given_name", "John").Disclosable(name, "x");

        Assert.Throws<ArgumentException>(() => Issuer("https://example.com/issuer").IssueAsync(new SdJwtVcIssuance { Vct = "https://credentials.example.com/identity_credential", Claims = claims }).AsTask().GetAwaiter().GetResult());
    }

    [Theory]
    [MemberData(nameof(NeverDisclosable))]
    public async Task VerifyAsync_RegisteredClaimInsideDisclosure_FailsWithForbiddenDisclosure(string name)
    {
        // A non-conforming issuer (the plain SD-JWT issuer) hides one registered claim in a disclosure.
        var payload = SdJwtPayload.Create().Disclosable("given_name", "John");
        foreach (var (claim, value) in new (string, JsonNode)[] { ("iss", "https://example.com/issuer"), ("vct", "https://credentials.example.com/identity_credential"), ("iat", SettingsIat), ("exp", SettingsExp) })
        {
            if (claim != name)
            {
                payload.Claim(claim, value);
            }
        }

        payload.Disclosable(name, name switch
        {
            "iss" => "https://example.com/issuer",
            "vct" => "https://credentials.example.com/identity_credential",
            "exp" or "nbf" => SettingsIat,
            "cnf" => JsonNode.Parse($$"""{"jwk":{{_holderKey.PublicJwk.ToJson()}}}"""),
            "status" => JsonNode.Parse("""{"status_list":{"idx":0,"uri":"https://example.com/statuslists/1"}}"""),
            _ => "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        });
        var issued = await new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = SdJwtVcClaimNames.MediaType }).IssueAsync(payload);

        var result = await new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(issued.Serialize(), Policy(KeyBindingRequirement.Forbidden));

        Assert.Equal(SdJwtErrors.ForbiddenDisclosure, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Disclosures));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("sd+jwt")]
    [InlineData("DC+SD-JWT-X")]
    public async Task VerifyAsync_TypOtherThanDcSdJwt_FailsWithInvalidType(string? typ)
    {
        // Section 2.2.1: the typ header is required and is dc+sd-jwt (vc+sd-jwt only while the transition option is on).
        var payload = SdJwtPayload.Create().Claim("iss", "https://example.com/issuer").Claim("vct", "https://credentials.example.com/identity_credential").Disclosable("given_name", "John");
        var issued = await new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = typ }).IssueAsync(payload);

        var result = await new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(issued.Serialize(), Policy(KeyBindingRequirement.Forbidden));

        Assert.Equal(JoseErrors.InvalidType, result.Error?.Code);
    }

    [Fact]
    public async Task VerifyAsync_SubAndIatDisclosed_AreAccepted()
    {
        // Section 2.2.2.3: sub and iat MAY be selectively disclosed.
        var payload = SdJwtPayload.Create()
            .Claim("iss", "https://example.com/issuer").Claim("vct", "https://credentials.example.com/identity_credential").Claim("exp", SettingsExp)
            .Disclosable("sub", "user-42").Disclosable("iat", SettingsIat).Disclosable("given_name", "John");
        var issued = await new SdJwtIssuer(_issuerKey, options: new SdJwtIssuerOptions { Type = SdJwtVcClaimNames.MediaType }).IssueAsync(payload);

        var result = await new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(issued.Serialize(), Policy(KeyBindingRequirement.Forbidden));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("user-42", result.Value.Claims.GetProperty("sub").GetString());
        Assert.Equal(SettingsIat, result.Value.Claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task VerifyAsync_KeyBindingSignedByAnotherKeyThanCnf_FailsWithKbInvalidSignature()
    {
        // Section 2.4: the KB-JWT must be verified with the key in cnf, not with any key the holder offers.
        var spec = SdJwtVcDraftVectors.LoadSpecInput("01/specification.yml");
        var claims = (YamlMappingNode)SdJwtPythonYaml.Get(spec, "user_claims")!;
        var issued = await Issuer("https://example.com/issuer").IssueAsync(new SdJwtVcIssuance
        {
            Vct = "https://credentials.example.com/identity_credential",
            Claims = Fill(claims),
            HolderKey = _holderKey.PublicJwk,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(SettingsExp),
        });
        using var otherHolder = SigningKey.Create(JwsAlgorithm.Es256);
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = DraftCredentialVectorTests.Clock });
        var presentation = (await holder.PresentAsync(issued, [ClaimPath.Of("is_over_65")], new KeyBindingInput(Verifier, Nonce), otherHolder)).Value.Serialize();

        var result = await new SdJwtVcVerifier(_trust, options: new SdJwtVcVerifierOptions { RequireStatus = false, RequireConfirmationKey = false, RequireExpirationTime = false, TimeProvider = DraftCredentialVectorTests.Clock })
            .VerifyAsync(presentation, Policy(KeyBindingRequirement.Required(Verifier, Nonce)));

        Assert.Equal(KeyBindingErrors.InvalidSignature, result.Error?.Code);
    }

    private static SdJwtVcPolicy Policy(KeyBindingRequirement keyBinding) => new() { KeyBinding = keyBinding, Status = StatusCheck.Skip };

    private SdJwtVcIssuer Issuer(string? issuerId)
        => new(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = issuerId, TimeProvider = TestClock.AtUnixSeconds(SettingsIat) });

    private async Task<string> Present(SdJwtToken issued, IEnumerable<ClaimPath> selection, bool keyBinding, TimeProvider? clock = null)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = clock ?? DraftCredentialVectorTests.Clock });
        if (!keyBinding)
        {
            var selected = holder.Select(issued, selection);
            Assert.True(selected.IsValid, selected.Error?.ToString());
            return selected.Value.Serialize();
        }

        var presented = await holder.PresentAsync(issued, selection, new KeyBindingInput(Verifier, Nonce), _holderKey);
        Assert.True(presented.IsValid, presented.Error?.ToString());
        return presented.Value.Serialize();
    }

    /// <summary>The user claims without the registered ones, which <see cref="SdJwtVcIssuance"/> sets itself.</summary>
    private static SdObject Fill(YamlMappingNode userClaims)
    {
        var rest = new YamlMappingNode(userClaims.Children.Where(c => !s_registered.Contains(((YamlScalarNode)c.Key).Value)));
        var claims = SdJwtPayload.Create();
        SdJwtPythonYaml.FillObject(claims, rest);
        return claims;
    }

    private static Jwk SettingsKey(string name)
    {
        var settings = SdJwtVcDraftVectors.LoadSpecInput("settings.yml");
        var keys = (YamlMappingNode)SdJwtPythonYaml.Get(settings, "key_settings")!;
        return Jwk.Parse(SdJwtPythonYaml.ToJson(SdJwtPythonYaml.Get(keys, name)!)!.ToJsonString());
    }
}
