using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>The whole story with both apps: wallet, key, import, list, show, present, verify.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task HolderAndVerifier_IssuedAgeCredential_VerifierSeesOnlyTheDisclosedClaim()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var credential = await bed.IssueAgeCredentialAsync(holderKey);

        var import = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential);
        Assert.True(import.ExitCode == 0, import.ToString());
        var id = import.Output.Trim();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);

        var list = await bed.HolderJsonAsync("list", "--lang", "ja");
        Assert.Equal(id, (string?)list["credentials"]![0]!["id"]);
        Assert.Equal(AppTestBed.TypeName("ja-JP"), (string?)list["credentials"]![0]!["displayName"]);

        var show = await bed.HolderJsonAsync("show", id);
        Assert.Contains(show["claims"]!.AsArray(), c => (string?)c!["label"] == AppTestBed.ClaimLabel("birth_date", "en-US") && (string?)c["value"] == "2000-02-29");

        var presentation = bed.PathOf("presentation.txt");
        var present = await bed.HolderJsonAsync("present", "--credential", id, "--disclose", "age_over_20", "--aud", "https://shop.example.jp", "--nonce", "n-0S6_WzA2Mj", "--out", presentation);
        Assert.Equal(["age_over_20"], present["disclosed"]!.AsArray().Select(d => (string)d!["path"]![0]!));

        var verify = await bed.VerifierAsync("verify", "--presentation", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "https://shop.example.jp", "--nonce", "n-0S6_WzA2Mj", "--require", "age_over_20");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains(AppTestBed.ClaimLabel("age_over_20", "en-US"), verify.Output);
        Assert.DoesNotContain("2000-02-29", verify.Output);
        Assert.DoesNotContain(AppTestBed.ClaimLabel("birth_date", "en-US"), verify.Output);
        Assert.DoesNotContain(AppTestBed.ClaimLabel("age_over_18", "en-US"), verify.Output);

        var verifyJson = await bed.VerifierAsync("verify", "--presentation", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "https://shop.example.jp", "--nonce", "n-0S6_WzA2Mj", "--json");
        Assert.Equal(0, verifyJson.ExitCode);
        var json = verifyJson.Json;
        Assert.True((bool)json["valid"]!);
        Assert.Equal(AppTestBed.AgeVct, (string?)json["vct"]);
        Assert.Equal(["age_over_20"], json["disclosed"]!.AsArray().Select(d => (string)d!["path"]![0]!));
        Assert.True((bool?)json["disclosed"]![0]!["value"]);
        Assert.True((bool)json["keyBinding"]!["audAndNonceChecked"]!);
        Assert.DoesNotContain("2000-02-29", verifyJson.Output);
    }

    [Fact]
    public async Task HolderAndVerifier_IpaExamNestedAndLanguageTaggedPaths_EmployerSeesOnlyThose()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        var credential = await bed.IssueSampleCredentialAsync(CredentialTypes.IpaExam, holderKey, "ipa.sdjwt");
        var id = await bed.ImportAsync(credential);
        var sample = CredentialTypes.IpaExam.GetSampleClaims();
        var presentation = bed.PathOf("ipa-presentation.txt");

        var present = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "--disclose", "pass_date,[\"family_name#ja-Kana-JP\"]", "--disclose", "exam.category_code", "--aud", "https://employer.example.jp", "--nonce", "e-1", "--out", presentation);
        var verify = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "https://employer.example.jp", "--nonce", "e-1", "--vct", CredentialTypes.IpaExam.Vct, "--require", "exam.category_code,pass_date", "--json");
        var ja = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--lang", "ja");

        Assert.True(present.ExitCode == 0, present.ToString());
        Assert.Contains("exam.category_code", present.Error);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var disclosed = verify.Json["disclosed"]!.AsArray().Select(d => (string)d!["path"]![0]!).Order().ToArray();
        Assert.Equal(["family_name#ja-Kana-JP", "pass_date"], disclosed);
        Assert.DoesNotContain((string)sample["birthdate"]!, verify.Output);
        Assert.DoesNotContain((string)sample["family_name"]!, verify.Output);
        Assert.Contains((string)sample["family_name#ja-Kana-JP"]!, verify.Output);
        Assert.Equal(0, ja.ExitCode);
        Assert.Contains(CredentialTypes.IpaExam.Metadata.GetClaimLabel(ClaimPath.Of("pass_date"), "ja-JP")!, ja.Output);
        Assert.Contains(JapaneseEra.FormatIso((string)sample["pass_date"]!), ja.Output);
    }

    [Fact]
    public async Task HolderAndVerifier_EdDsaHolderKeyAndSeveralDisclosures_VerifierSeesExactlyThose()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync("EdDSA");
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(holderKey));
        var presentation = bed.PathOf("p.txt");
        await bed.HolderJsonAsync("present", "-c", id, "--disclose", "age_over_18,[\"age_over_20\"]", "--aud", "verifier-1", "--nonce", "abc", "--out", presentation);

        var verify = await bed.VerifierAsync("verify", "-p", presentation, "--trust", bed.IssuerPublicJwkPath, "--aud", "verifier-1", "--nonce", "abc", "--json");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(["age_over_18", "age_over_20"], verify.Json["disclosed"]!.AsArray().Select(d => (string)d!["path"]![0]!).Order());
        Assert.True(File.Exists(presentation));
    }
}
