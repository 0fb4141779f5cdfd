using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Samples.Issuer;
using Credentials.Testing;
using Credentials.W3c;
using Credentials.W3c.BitstringStatus;
using Credentials.W3c.DataIntegrity;
using Xunit;

namespace Credentials.Samples.Tests.W3c;

/// <summary>
/// <c>issuer sign</c> and <c>verifier verify</c> with W3C Verifiable Credentials 2.0, run as the built apps: each of the
/// five securing forms signs the sample exam certificate and verifies, tampering and untrusted issuers fail with the
/// library's codes, and bad inputs are refused with typed errors.
/// </summary>
public sealed class W3cSignVerifyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "w3c-samples-" + Guid.NewGuid().ToString("N"));

    public W3cSignVerifyTests() => Directory.CreateDirectory(_root);

    private static string SampleCredential => Path.Combine(RepositoryRoot.Path, "samples", "Issuer", "SampleData", "ipa-exam-credential.json");

    [Theory]
    [InlineData("vc-jwt", "ES256", "vc+jwt", "vc+jwt")]
    [InlineData("eddsa-rdfc-2022", "EdDSA", "data-integrity", "DataIntegrityProof/eddsa-rdfc-2022")]
    [InlineData("eddsa-jcs-2022", "EdDSA", "data-integrity", "DataIntegrityProof/eddsa-jcs-2022")]
    [InlineData("ecdsa-rdfc-2019", "ES256", "data-integrity", "DataIntegrityProof/ecdsa-rdfc-2019")]
    [InlineData("ecdsa-jcs-2019", "ES384", "data-integrity", "DataIntegrityProof/ecdsa-jcs-2019")]
    public async Task Sign_EachSuite_VerifiesAndReportsItsFormat(string suite, string alg, string format, string mechanism)
    {
        var key = await CreateKeyAsync("issuer", alg);

        var signed = await IssuerAsync("sign", "--key", key, "--input", SampleCredential, "--suite", suite, "--out", PathOf("signed"), "--json");
        var verified = await VerifierAsync("verify", "--credential", PathOf("signed"), "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        var did = (string)Json(signed)["issuer"]!;
        Assert.StartsWith("did:key:", did, StringComparison.Ordinal);
        Assert.Equal(did + "#" + did["did:key:".Length..], (string?)Json(signed)["verificationMethod"]);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        var json = Json(verified);
        Assert.True((bool)json["valid"]!);
        Assert.Equal(format, (string?)json["format"]);
        Assert.Equal(mechanism, (string?)json["securingMechanism"]);
        Assert.Equal(did, (string?)json["issuer"]);
        Assert.Equal("Passed", Outcome(json, W3cCheckKind.Proof));

        // Without --trust the issuer is shown, and said not to have been checked against any trust anchor.
        Assert.False((bool)json["issuerTrusted"]!);
        Assert.Equal("NotChecked", Outcome(json, W3cCheckKind.IssuerTrust));
        Assert.Contains(json["warnings"]!.AsArray(), w => (string?)w!["code"] == "verifier.issuer_not_checked");
    }

    [Fact]
    public async Task Sign_DataIntegrity_WritesTheSampleWithAProofAndTheKeysDidAsIssuer()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");

        var run = await IssuerAsync("sign", "--key", key, "--input", SampleCredential, "--suite", "eddsa-rdfc-2022", "--out", PathOf("signed.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var document = JsonNode.Parse(File.ReadAllText(PathOf("signed.json")))!;
        var did = (await IssuerAsync("did", "--key", key)).Output.Trim();
        Assert.Equal(did, (string?)document["issuer"]);
        Assert.Equal("DataIntegrityProof", (string?)document["proof"]!["type"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)document["proof"]!["cryptosuite"]);
        Assert.Equal("assertionMethod", (string?)document["proof"]!["proofPurpose"]);
        Assert.Equal("高橋", (string?)document["credentialSubject"]!["familyName"]);
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", "EdDSA")]
    [InlineData("ecdsa-jcs-2019", "ES256")]
    public async Task Verify_DataIntegrityClaimChanged_FailsTheProof(string suite, string alg)
    {
        var signed = await SignAsync(suite, alg, "signed.json");
        File.WriteAllText(PathOf("tampered.json"), File.ReadAllText(signed).Replace("高橋", "田中", StringComparison.Ordinal));

        var run = await VerifierAsync("verify", "--credential", PathOf("tampered.json"), "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var json = Json(run);
        Assert.False((bool)json["valid"]!);
        Assert.Equal("data-integrity", (string?)json["format"]);
        Assert.Equal(DataIntegrityErrors.InvalidSignature.Value, ErrorCode(json));
        Assert.Equal("Failed", Outcome(json, W3cCheckKind.Proof));
        Assert.Equal("NotReached", Outcome(json, W3cCheckKind.Status));
    }

    [Fact]
    public async Task Verify_VcJwtPayloadChanged_FailsTheSignature()
    {
        var signed = await SignAsync("vc-jwt", "ES256", "signed.jwt");
        var parts = File.ReadAllText(signed).Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var changed = JsonNode.Parse(payload)!;
        changed["credentialSubject"]!["familyName"] = "田中";
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(changed.ToJsonString()));
        File.WriteAllText(PathOf("tampered.jwt"), string.Join('.', parts));

        var run = await VerifierAsync("verify", "--credential", PathOf("tampered.jwt"), "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        var json = Json(run);
        Assert.Equal("vc+jwt", (string?)json["format"]);
        Assert.Equal(JoseErrors.InvalidSignature.Value, ErrorCode(json));
        Assert.Equal("Failed", Outcome(json, W3cCheckKind.Proof));
    }

    [Theory]
    [InlineData("eddsa-jcs-2022", "EdDSA")]
    [InlineData("vc-jwt", "ES256")]
    public async Task Verify_TrustAnotherDid_UntrustedIssuer_AndItsOwnDid_Trusted(string suite, string alg)
    {
        var signed = await SignAsync(suite, alg, "signed");
        var other = await CreateKeyAsync("other", alg);
        var otherDid = (await IssuerAsync("did", "--key", other)).Output.Trim();
        var ownDid = (await IssuerAsync("did", "--key", PathOf("issuer.jwk"))).Output.Trim();

        var untrusted = await VerifierAsync("verify", "--credential", signed, "--trust", otherDid, "--json");
        var trusted = await VerifierAsync("verify", "--credential", signed, "--trust", ownDid, "--json");

        Assert.Equal(ExitCodes.Failure, untrusted.ExitCode);
        Assert.Equal(VcErrors.UntrustedIssuer.Value, ErrorCode(Json(untrusted)));
        Assert.Equal("Failed", Outcome(Json(untrusted), W3cCheckKind.IssuerTrust));
        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        Assert.True((bool)Json(trusted)["issuerTrusted"]!);
        Assert.Equal("Passed", Outcome(Json(trusted), W3cCheckKind.IssuerTrust));
        Assert.Empty(Json(trusted)["warnings"]!.AsArray());
    }

    [Theory]
    [InlineData("ecdsa-rdfc-2019", "ES256")]
    [InlineData("vc-jwt", "EdDSA")]
    public async Task Verify_TrustPublicJwk_OnlyTheKeyThatSigned(string suite, string alg)
    {
        var signed = await SignAsync(suite, alg, "signed");
        await CreateKeyAsync("other", alg);

        var own = await VerifierAsync("verify", "--credential", signed, "--trust", PathOf("issuer.pub.jwk"), "--json");
        var other = await VerifierAsync("verify", "--credential", signed, "--trust", PathOf("other.pub.jwk"), "--json");

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal("Passed", Outcome(Json(own), W3cCheckKind.IssuerTrust));
        Assert.Equal(ExitCodes.Failure, other.ExitCode);
        Assert.Equal(VcErrors.UntrustedIssuer.Value, ErrorCode(Json(other)));
        Assert.Equal("Failed", Outcome(Json(other), W3cCheckKind.IssuerTrust));
    }

    [Fact]
    public async Task Verify_TrustList_IssuerListed_Passes_AndListWithoutIt_Untrusted()
    {
        var signed = await SignAsync("eddsa-rdfc-2022", "EdDSA", "signed.json");
        var did = (await IssuerAsync("did", "--key", PathOf("issuer.jwk"))).Output.Trim();
        File.WriteAllText(PathOf("listed.json"), $$"""{"issuers": [{"issuer": "{{did}}", "name": "情報処理推進機構（サンプル）", "credential_types": ["*"]}]}""");
        File.WriteAllText(PathOf("unlisted.json"), """{"issuers": [{"issuer": "did:web:issuer.example.jp", "credential_types": ["*"]}]}""");

        var listed = await VerifierAsync("verify", "--credential", signed, "--trust", PathOf("listed.json"), "--json");
        var unlisted = await VerifierAsync("verify", "--credential", signed, "--trust", PathOf("unlisted.json"), "--json");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal("Passed", Outcome(Json(listed), W3cCheckKind.IssuerTrust));
        Assert.Equal(ExitCodes.Failure, unlisted.ExitCode);
        Assert.Equal(VcErrors.UntrustedIssuer.Value, ErrorCode(Json(unlisted)));
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", "ES256")]
    [InlineData("eddsa-jcs-2022", "ES384")]
    [InlineData("ecdsa-rdfc-2019", "EdDSA")]
    [InlineData("ecdsa-jcs-2019", "EdDSA")]
    public async Task Sign_KeyThatDoesNotFitTheSuite_IsRefused(string suite, string alg)
    {
        var key = await CreateKeyAsync("issuer", alg);

        var run = await IssuerAsync("sign", "--key", key, "--input", SampleCredential, "--suite", suite, "--out", PathOf("signed"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(IssuerErrors.KeySuiteMismatch, ErrorCode(Json(run)));
        Assert.False(File.Exists(PathOf("signed")));
    }

    [Theory]
    [InlineData("""{"type": ["VerifiableCredential"], "credentialSubject": {"name": "x"}}""", "vc.missing_context")]
    [InlineData("""{"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"], "credentialSubject": {"name": "x"}}""", "vc.invalid_context")]
    [InlineData("""{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["ExamCertificate"], "credentialSubject": {"name": "x"}}""", "vc.missing_type")]
    [InlineData("""{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}""", "vc.missing_subject")]
    [InlineData("""{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], "validFrom": "2026-06-15", "credentialSubject": {"name": "x"}}""", "vc.invalid_date")]
    public async Task Sign_InputThatIsNotAVcdm2Credential_ReportsItsDataModelCode(string input, string code)
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        File.WriteAllText(PathOf("input.json"), input);

        var run = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-jcs-2022", "--out", PathOf("signed"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(code, ErrorCode(Json(run)));
        Assert.False(File.Exists(PathOf("signed")));
    }

    [Fact]
    public async Task Sign_InputNamingAnotherIssuer_WithoutVerificationMethod_IsRefused()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        var document = JsonNode.Parse(File.ReadAllText(SampleCredential))!;
        document["issuer"] = "did:web:issuer.example.jp";
        File.WriteAllText(PathOf("input.json"), document.ToJsonString());

        var refused = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-jcs-2022", "--out", PathOf("refused"), "--json");
        var named = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-jcs-2022", "--verification-method", "did:web:issuer.example.jp#key-1", "--out", PathOf("named"), "--json");

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal(IssuerErrors.CredentialIssuerMismatch, ErrorCode(Json(refused)));
        Assert.True(named.ExitCode == 0, named.ToString());
        var proof = JsonNode.Parse(File.ReadAllText(PathOf("named")))!["proof"]!;
        Assert.Equal("did:web:issuer.example.jp#key-1", (string?)proof["verificationMethod"]);
    }

    [Fact]
    public async Task Sign_VerificationMethodOfAnotherKeysDidKey_IsRefused()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        var other = await CreateKeyAsync("other", "EdDSA");
        var otherDid = (await IssuerAsync("did", "--key", other)).Output.Trim();

        var run = await IssuerAsync("sign", "--key", key, "--input", SampleCredential, "--suite", "eddsa-rdfc-2022", "--verification-method", otherDid + "#" + otherDid["did:key:".Length..], "--out", PathOf("signed"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(IssuerErrors.KeyMismatch, ErrorCode(Json(run)));
    }

    [Fact]
    public async Task Sign_AlreadySignedInput_IsRefused()
    {
        var signed = await SignAsync("eddsa-jcs-2022", "EdDSA", "signed.json");

        var run = await IssuerAsync("sign", "--key", PathOf("issuer.jwk"), "--input", signed, "--suite", "eddsa-jcs-2022", "--out", PathOf("again.json"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(IssuerErrors.AlreadySecured, ErrorCode(Json(run)));
    }

    [Fact]
    public async Task Sign_RdfcWithATermNoContextDefines_IsRefused_JcsSignsIt()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        var document = JsonNode.Parse(File.ReadAllText(SampleCredential))!;
        document["credentialSubject"]!["nickname"] = "ゆい";
        File.WriteAllText(PathOf("input.json"), document.ToJsonString());

        var rdfc = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-rdfc-2022", "--out", PathOf("rdfc.json"), "--json");
        var jcs = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-jcs-2022", "--out", PathOf("jcs.json"), "--json");

        Assert.Equal(ExitCodes.InputError, rdfc.ExitCode);
        Assert.Equal(IssuerErrors.CannotSecure, ErrorCode(Json(rdfc)));
        Assert.True(jcs.ExitCode == 0, jcs.ToString());
    }

    [Fact]
    public async Task Verify_JsonThatIsNotACredential_ReportsItsDataModelCode()
    {
        File.WriteAllText(PathOf("not-a-credential.json"), """{"name": "高橋 結衣"}""");

        var run = await VerifierAsync("verify", "--credential", PathOf("not-a-credential.json"), "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("data-integrity", (string?)Json(run)["format"]);
        Assert.Equal(VcErrors.MissingContext.Value, ErrorCode(Json(run)));
        Assert.Equal("Failed", Outcome(Json(run), W3cCheckKind.DataModel));
    }

    [Fact]
    public async Task Verify_BitstringStatusEntry_CheckedThroughTheGuardedFetcher_SkippedWithSkipStatus()
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        var document = JsonNode.Parse(File.ReadAllText(SampleCredential))!;
        document["credentialStatus"] = JsonNode.Parse("""
            {"id": "http://127.0.0.1:9/status/1#94567", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
             "statusListIndex": "94567", "statusListCredential": "http://127.0.0.1:9/status/1"}
            """);
        File.WriteAllText(PathOf("input.json"), document.ToJsonString());
        var signed = await IssuerAsync("sign", "--key", key, "--input", PathOf("input.json"), "--suite", "eddsa-rdfc-2022", "--out", PathOf("signed.json"));
        Assert.True(signed.ExitCode == 0, signed.ToString());

        // http:// on loopback is refused by default; allowed, the list is fetched, and nothing answers there.
        var refused = await VerifierAsync("verify", "--credential", PathOf("signed.json"), "--json");
        var unreachable = await VerifierAsync("verify", "--credential", PathOf("signed.json"), "--allow-local-network", "--json");
        var skipped = await VerifierAsync("verify", "--credential", PathOf("signed.json"), "--skip-status", "--json");

        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Equal(BitstringStatusErrors.RetrievalFailed.Value, ErrorCode(Json(refused)));
        Assert.Equal("Failed", Outcome(Json(refused), W3cCheckKind.Status));
        Assert.Equal(ExitCodes.Failure, unreachable.ExitCode);
        Assert.Equal(BitstringStatusErrors.RetrievalFailed.Value, ErrorCode(Json(unreachable)));
        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Equal("NotChecked", Outcome(Json(skipped), W3cCheckKind.Status));
    }

    [Fact]
    public async Task Verify_SdJwtOptionsWithAW3cCredential_AreUsageErrors()
    {
        var signed = await SignAsync("eddsa-jcs-2022", "EdDSA", "signed.json");

        var run = await VerifierAsync("verify", "--credential", signed, "--aud", "https://shop.example.jp", "--nonce", "n", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, ErrorCode(Json(run)));
    }

    [Fact]
    public async Task Verify_HumanOutput_SaysTheIssuerWasNotCheckedWithoutTrust()
    {
        var signed = await SignAsync("eddsa-rdfc-2022", "EdDSA", "signed.json");

        var english = await VerifierAsync("verify", "--credential", signed, "--lang", "en");
        var japanese = await VerifierAsync("verify", "--credential", signed, "--lang", "ja");

        Assert.Equal(0, english.ExitCode);
        Assert.Contains("not checked against any trust anchor", english.Output, StringComparison.Ordinal);
        Assert.Contains("高橋", english.Output, StringComparison.Ordinal);
        Assert.Equal(0, japanese.ExitCode);
        Assert.Contains("情報処理技術者試験 合格証明書（サンプル）", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("信頼の基点と照合していません", japanese.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Issuer", new[] { "sign", "--help" }, new[] { "W3C 検証可能資格情報 2.0", "--suite", "--verification-method", "保護の方式", "署名鍵の DID URL" })]
    [InlineData("Verifier", new[] { "verify", "--help" }, new[] { "--credential", "SD-JWT VC では必須", "Data Integrity の証明付き JSON" })]
    public async Task Help_NewCommandAndOptions_InJapaneseUnderLangJa(string app, string[] args, string[] expected)
    {
        var run = await BuiltApp.RunAsync(app, args, new Dictionary<string, string?> { ["LANG"] = "ja_JP.UTF-8" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("使用法", run.Output, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Output, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string PathOf(string name) => Path.Combine(_root, name);

    private static Task<ProcessRun> IssuerAsync(params string[] args) => BuiltApp.RunAsync("Issuer", args);

    private static Task<ProcessRun> VerifierAsync(params string[] args) => BuiltApp.RunAsync("Verifier", args);

    private async Task<string> CreateKeyAsync(string name, string alg)
    {
        var run = await IssuerAsync("keys", "create", "--alg", alg, "--out", PathOf(name + ".jwk"), "--public-out", PathOf(name + ".pub.jwk"));
        Assert.True(run.ExitCode == 0, run.ToString());
        return PathOf(name + ".jwk");
    }

    /// <summary>Signs the sample credential with a new key issuer.jwk of <paramref name="alg"/>.</summary>
    private async Task<string> SignAsync(string suite, string alg, string name)
    {
        var key = await CreateKeyAsync("issuer", alg);
        var run = await IssuerAsync("sign", "--key", key, "--input", SampleCredential, "--suite", suite, "--out", PathOf(name));
        Assert.True(run.ExitCode == 0, run.ToString());
        return PathOf(name);
    }

    private static JsonObject Json(ProcessRun run) => JsonNode.Parse(run.Output)!.AsObject();

    private static string? ErrorCode(JsonObject json) => (string?)json["error"]?["code"];

    private static string? Outcome(JsonObject json, W3cCheckKind check)
        => (string?)json["checks"]!.AsArray().FirstOrDefault(c => (string?)c!["check"] == check.ToString())?["outcome"] ?? "NotReached";
}
