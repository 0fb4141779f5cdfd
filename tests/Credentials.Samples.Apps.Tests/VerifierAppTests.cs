using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

public sealed class VerifierAppTests
{
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "nonce-8f3c";

    [Fact]
    public async Task Verify_WrongNonce_ExitsOneWithKeyBindingCheckFailed()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", "another", "--json");
        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", "another");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.False((bool)run.Json["ok"]!);
        Assert.Equal("kb.nonce_mismatch", run.ErrorCode);
        var failed = run.Json["checks"]!.AsArray().Single(c => (string?)c!["outcome"] == "Failed")!;
        Assert.Equal("KeyBinding", (string?)failed["check"]);
        Assert.Equal("kb.nonce_mismatch", (string?)failed["error"]!["code"]);
        Assert.Equal(ExitCodes.Failure, human.ExitCode);
        Assert.Contains("kb.nonce_mismatch", human.Output);
        Assert.Contains("KeyBinding", human.Output);
    }

    [Fact]
    public async Task Verify_WrongAudience_ExitsOneWithAudienceMismatch()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "https://other.example.jp", "--nonce", Nonce, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("kb.audience_mismatch", run.ErrorCode);
    }

    [Fact]
    public async Task Verify_WithoutAudAndNonce_AcceptsAndSaysTheyWereNotChecked()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--json");
        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False((bool)run.Json["keyBinding"]!["audAndNonceChecked"]!);
        Assert.Equal(Audience, (string?)run.Json["keyBinding"]!["aud"]);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("not checked", human.Output);
    }

    [Fact]
    public async Task Verify_WithoutAudAndNonce_PresentationForAnotherVerifierIsReportedNotPassedAsChecked()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        // The presentation is for Audience and Nonce; this verifier is someone else and gave no --aud/--nonce.
        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--json");
        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--lang", "en");
        var checkedRun = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "https://someone-else.example.jp", "--nonce", "their-nonce", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var keyBinding = run.Json["keyBinding"]!;
        Assert.Equal(Audience, (string?)keyBinding["aud"]);
        Assert.Equal(Nonce, (string?)keyBinding["nonce"]);
        Assert.Equal(["aud", "nonce"], keyBinding["notChecked"]!.AsArray().Select(n => (string?)n));
        Assert.DoesNotContain("aud", keyBinding["checked"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("verifier.aud_nonce_not_checked", (string?)run.Json["warnings"]![0]!["code"]);
        Assert.Contains("Audience and nonce NOT checked", human.Output);
        Assert.Contains("(audience and nonce not checked)", human.Output);
        Assert.Equal(ExitCodes.Failure, checkedRun.ExitCode);
        Assert.Equal("kb.audience_mismatch", checkedRun.ErrorCode);
    }

    [Fact]
    public async Task Verify_WithAudAndNonce_SaysBothWereChecked()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True((bool)run.Json["keyBinding"]!["audAndNonceChecked"]!);
        Assert.Empty(run.Json["keyBinding"]!["notChecked"]!.AsArray());
        Assert.Empty(run.Json["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Verify_IssuedCredentialWithoutKeyBinding_AcceptedOnlyWhenKeyBindingIsNotRequired()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());

        var optional = await bed.VerifierAsync("verify", "-p", credential, "--trust", bed.IssuerPublicJwkPath, "--json");
        var human = await bed.VerifierAsync("verify", "-p", credential, "--trust", bed.IssuerPublicJwkPath);
        var required = await bed.VerifierAsync("verify", "-p", credential, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.True(optional.ExitCode == 0, optional.ToString());
        Assert.Null(optional.Json["keyBinding"]);
        Assert.Contains("No key binding", human.Output);
        Assert.Equal(ExitCodes.Failure, required.ExitCode);
        Assert.Equal("kb.missing", required.ErrorCode);
    }

    [Fact]
    public async Task Verify_AudWithoutNonce_IsUsageError()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
    }

    [Fact]
    public async Task Verify_RequireUndisclosedClaim_ExitsOneWithRequiredClaimMissing()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--require", "age_over_20,birth_date", "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("verifier.required_claim_missing", run.ErrorCode);
        Assert.Equal(["birth_date"], run.Json["missing"]!.AsArray().Select(p => (string)p![0]!));
    }

    [Fact]
    public async Task Verify_CredentialWithoutStatus_RefusedWithRequireStatusAndAcceptedWithout()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var required = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--require-status", "--json");
        var notRequired = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.Equal(ExitCodes.Failure, required.ExitCode);
        Assert.Equal("sdjwt.missing_required_claim", required.ErrorCode);
        Assert.True(notRequired.ExitCode == 0, notRequired.ToString());
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("request")]
    [InlineData("serve")]
    public async Task Help_VerifyingCommands_OfferRequireStatus(string command)
    {
        using var bed = new AppTestBed();

        var run = await bed.VerifierAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--require-status", run.Output);
    }

    [Fact]
    public async Task Verify_AcceptedVct_PassesAndOtherVct_FailsCredentialType()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var accepted = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--vct", AppTestBed.AgeVct, "--json");
        var refused = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--vct", "https://credentials.example.jp/vct/other", "--json");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Equal("CredentialType", (string?)refused.Json["checks"]!.AsArray().Single(c => (string?)c!["outcome"] == "Failed")!["check"]);
    }

    [Fact]
    public async Task Verify_UntrustedIssuerKey_ExitsOneWithSignatureOrTrustFailure()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var otherKey = bed.Write("other.pub.jwk", other.PublicJwk.ToJson());

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", otherKey, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("jose.invalid_signature", run.ErrorCode);
        Assert.Equal("Signature", (string?)run.Json["checks"]!.AsArray().Single(c => (string?)c!["outcome"] == "Failed")!["check"]);
    }

    [Fact]
    public async Task Verify_IssuerNotInTrustList_ExitsOneWithUntrustedIssuer()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");
        var trustList = bed.Write("trust.json", new JsonObject
        {
            ["issuers"] = new JsonArray(new JsonObject
            {
                ["issuer"] = "https://someone-else.example.jp",
                ["keys"] = new JsonArray(JsonNode.Parse(bed.IssuerKey.PublicJwk.ToJson())),
                ["credential_types"] = new JsonArray("*"),
            }),
        }.ToJsonString());

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", trustList, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("trust.untrusted_issuer", run.ErrorCode);
        Assert.Equal("IssuerTrust", (string?)run.Json["checks"]!.AsArray().Single(c => (string?)c!["outcome"] == "Failed")!["check"]);
    }

    [Fact]
    public async Task Verify_DidKeyIssuer_TrustedByDid_Accepts()
    {
        using var bed = new AppTestBed();
        using var generated = SigningKey.Create(JwsAlgorithm.EdDsa);
        var did = DidKey.Create(generated);
        using var signer = SigningKey.FromJwk(generated.ExportPrivateJwk() with { Kid = DidKey.GetKeyId(did).ToString() });
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var credential = await bed.IssueAgeCredentialAsync(holderKey, signer, issuer: did.ToString());
        var id = await bed.ImportAsync(credential, did.ToString());
        var presentation = bed.PathOf("p.txt");
        await bed.HolderJsonAsync("present", "-c", id, "-d", "age_over_20", "--aud", Audience, "--nonce", Nonce, "--out", presentation);

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", did.ToString(), "--aud", Audience, "--nonce", Nonce, "--json");
        var otherDid = DidKey.Create(SigningKey.Create(JwsAlgorithm.EdDsa)).ToString();
        var refused = await bed.VerifierAsync("verify", "-p", presentation, "--trust", otherDid, "--json");

        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust", did.ToString(), "--aud", Audience, "--nonce", Nonce);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(did.ToString(), (string?)run.Json["issuer"]);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains(did.ToString(), human.Output);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Equal("trust.untrusted_issuer", refused.ErrorCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~")]
    [InlineData("")]
    public async Task Verify_MalformedPresentation_ExitsOneWithoutStackTrace(string text)
    {
        using var bed = new AppTestBed();
        var presentation = bed.Write("bad.txt", text);

        var json = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--json");
        var human = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath);

        Assert.Equal(ExitCodes.Failure, json.ExitCode);
        Assert.False((bool)json.Json["valid"]!);
        Assert.NotNull(json.ErrorCode);
        Assert.Equal(ExitCodes.Failure, human.ExitCode);
        Assert.DoesNotContain(" at ", human.Output + human.Error);
    }

    [Fact]
    public async Task Verify_TamperedDisclosure_ExitsOneWithDisclosureOrSignatureFailure()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");
        var text = System.IO.File.ReadAllText(presentation);
        var parts = text.Split('~');
        parts[1] = parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1];
        var tampered = bed.Write("tampered.txt", string.Join('~', parts));

        var run = await bed.VerifierAsync("verify", "-p", tampered, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.NotNull(run.ErrorCode);
    }

    [Fact]
    public async Task Verify_MissingPresentationFile_ExitsThreeWithFileNotFound()
    {
        using var bed = new AppTestBed();

        var run = await bed.VerifierAsync("verify", "-p", bed.PathOf("missing.txt"), "--trust", bed.IssuerPublicJwkPath, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
    }

    [Fact]
    public async Task Verify_PrivateKeyAsTrust_IsRefused()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");
        var privateKey = bed.Write("issuer.jwk", bed.IssuerKey.ExportPrivateJwk().ToJson());

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", privateKey, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.PublicKeyExpectedCode, run.ErrorCode);
    }

    [Theory]
    [InlineData("{\"issuers\": 5}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public async Task Verify_MalformedTrust_IsInputError(string trust)
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");
        var path = bed.Write("trust.json", trust);

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", path, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("cli.invalid_trust", run.ErrorCode);
    }

    [Fact]
    public async Task Verify_LangJa_PrintsJapaneseLabels()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--lang", "ja");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(AppTestBed.ClaimLabel("age_over_20", "ja-JP"), run.Output);
        Assert.Contains(AppTestBed.TypeName("ja-JP"), run.Output);
    }

    [Fact]
    public async Task Verify_SdJwtVc_JsonNamesItsFormat_AndCredentialIsTheSameOptionAsPresentation()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var accepted = await bed.VerifierAsync("verify", "--credential", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", Nonce, "--json");
        var refused = await bed.VerifierAsync("verify", "--presentation", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", Audience, "--nonce", "another", "--json");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("sd-jwt-vc", (string?)accepted.Json["format"]);
        Assert.True((bool)accepted.Json["valid"]!);
        Assert.NotNull(accepted.Json["disclosed"]);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Equal("sd-jwt-vc", (string?)refused.Json["format"]);
        Assert.Equal("kb.nonce_mismatch", refused.ErrorCode);
    }

    [Fact]
    public async Task Verify_SdJwtVcWithoutTrust_IsUsageError()
    {
        using var bed = new AppTestBed();
        var presentation = await PresentAsync(bed, "age_over_20");

        var run = await bed.VerifierAsync("verify", "--credential", presentation, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
    }

    [Theory]
    [InlineData("verify")]
    public async Task Help_EveryCommand_PrintsUsageAndSucceeds(string command)
    {
        using var bed = new AppTestBed();

        var run = await bed.VerifierAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--trust", run.Output);
        Assert.Contains("--json", run.Output);
    }

    private static async Task<string> PresentAsync(AppTestBed bed, string disclose)
    {
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var presentation = bed.PathOf("presentation.txt");
        await bed.HolderJsonAsync("present", "-c", id, "-d", disclose, "--aud", Audience, "--nonce", Nonce, "--out", presentation);
        return presentation;
    }
}
