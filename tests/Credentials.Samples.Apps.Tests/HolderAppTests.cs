using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

public sealed class HolderAppTests
{
    [Fact]
    public async Task Init_NewPath_CreatesEncryptedWallet()
    {
        using var bed = new AppTestBed();

        var init = await bed.HolderAsync("init", "--wallet", bed.WalletPath);

        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(bed.WalletPath));
        Assert.Contains(bed.WalletPath, init.Output);
        Assert.DoesNotContain(AppTestBed.Passphrase, File.ReadAllText(bed.WalletPath));
    }

    [Fact]
    public async Task Init_ExistingWallet_RefusesWithAlreadyExists()
    {
        using var bed = new AppTestBed();
        await bed.HolderJsonAsync("init");

        var again = await bed.HolderAsync("init", "--wallet", bed.WalletPath, "--json");

        Assert.Equal(ExitCodes.OutputError, again.ExitCode);
        Assert.Equal("wallet.already_exists", again.ErrorCode);

        // 'init' has no --force (an existing wallet is never overwritten): the hint must not suggest one.
        Assert.DoesNotContain("--force", (string?)again.Json["error"]!["hint"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_NoPassphraseAndNoTerminal_FailsWithPassphraseRequired()
    {
        using var bed = new AppTestBed();
        bed.Environment.Remove(Holder.HolderApp.PassphraseVariable);

        var init = await bed.HolderAsync("init", "--wallet", bed.WalletPath, "--json");

        Assert.Equal(ExitCodes.InputError, init.ExitCode);
        Assert.Equal("holder.passphrase_required", init.ErrorCode);
        Assert.False(File.Exists(bed.WalletPath));
    }

    [Fact]
    public async Task List_WrongPassphrase_FailsWithWrongPassphraseAndNoStackTrace()
    {
        using var bed = new AppTestBed();
        await bed.HolderJsonAsync("init");
        bed.Environment[Holder.HolderApp.PassphraseVariable] = "wrong";

        var json = await bed.HolderAsync("list", "--wallet", bed.WalletPath, "--json");
        var human = await bed.HolderAsync("list", "--wallet", bed.WalletPath);

        Assert.Equal(ExitCodes.InputError, json.ExitCode);
        Assert.Equal("wallet.wrong_passphrase", json.ErrorCode);
        Assert.Equal(ExitCodes.InputError, human.ExitCode);
        Assert.Contains("wallet.wrong_passphrase", human.Error);
        Assert.DoesNotContain(" at ", human.Error);
        Assert.Equal("", human.Output);
    }

    [Fact]
    public async Task List_MissingWallet_FailsWithFileNotFoundAndHint()
    {
        using var bed = new AppTestBed();

        var run = await bed.HolderAsync("list", "--wallet", bed.PathOf("nope.db"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("wallet.file_not_found", run.ErrorCode);
        Assert.Contains("holder init", (string?)run.Json["error"]!["hint"]);
    }

    [Fact]
    public async Task KeysCreate_EdDsa_ExportWritesPublicJwkOnly()
    {
        using var bed = new AppTestBed();
        await bed.HolderJsonAsync("init");
        var created = await bed.HolderJsonAsync("keys", "create", "--alg", "EdDSA");
        var path = bed.PathOf("k.jwk");

        var exported = await bed.HolderJsonAsync("keys", "export", "--public", "--out", path);

        Assert.Equal("EdDSA", (string?)created["alg"]);
        Assert.Equal((string?)created["id"], (string?)exported["id"]);
        var jwk = Jwk.Parse(File.ReadAllText(path));
        Assert.False(jwk.HasPrivateKey);
        Assert.Equal("Ed25519", jwk.Crv);
        Assert.Equal((string?)created["thumbprint"], jwk.ComputeThumbprint());
    }

    [Fact]
    public async Task KeysExport_WithoutPublic_RefusesAndWritesNothing()
    {
        using var bed = new AppTestBed();
        await bed.HolderJsonAsync("init");
        await bed.HolderJsonAsync("keys", "create");
        var path = bed.PathOf("k.jwk");

        var run = await bed.HolderAsync("keys", "export", "--out", path, "--wallet", bed.WalletPath, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("cli.invalid_option", run.ErrorCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task KeysImport_PrivateJwk_BecomesHolderKeyAndPublicJwk_IsRefused()
    {
        using var bed = new AppTestBed();
        await bed.HolderJsonAsync("init");
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var privatePath = bed.Write("holder.jwk", key.ExportPrivateJwk().ToJson());
        var publicPath = bed.Write("holder.pub.jwk", key.PublicJwk.ToJson());

        var imported = await bed.HolderJsonAsync("keys", "import", "--jwk", privatePath);
        var refused = await bed.HolderAsync("keys", "import", "--jwk", publicPath, "--wallet", bed.WalletPath, "--json");
        var list = await bed.HolderJsonAsync("keys", "list");

        Assert.Equal(key.PublicJwk.ComputeThumbprint(), (string?)imported["thumbprint"]);
        Assert.Equal("cli.private_key_required", refused.ErrorCode);
        Assert.Single(list["keys"]!.AsArray());
        Assert.DoesNotContain("\"d\"", list.ToJsonString());
    }

    [Fact]
    public async Task Import_CredentialBoundToWalletKey_PrintsIdOnStandardOutput()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential);

        Assert.True(run.ExitCode == 0, run.ToString());
        var id = run.Output.Trim();
        var list = await bed.HolderJsonAsync("list");
        Assert.Equal(id, (string?)list["credentials"]![0]!["id"]);
        Assert.Equal(AppTestBed.AgeVct, (string?)list["credentials"]![0]!["vct"]);
        Assert.Equal(bed.IssuerId, (string?)list["credentials"]![0]!["issuer"]);
    }

    [Fact]
    public async Task Import_UntrustedIssuerKey_FailsAndStoresNothing()
    {
        using var bed = new AppTestBed();
        var holderKey = await bed.CreateWalletWithKeyAsync();
        using var other = SigningKey.Create(JwsAlgorithm.Es256);
        var credential = await bed.IssueAgeCredentialAsync(holderKey, signer: other);

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("jose.invalid_signature", run.ErrorCode);
        Assert.Contains("--trust", (string?)run.Json["error"]!["hint"]);
        Assert.Empty((await bed.HolderJsonAsync("list"))["credentials"]!.AsArray());
    }

    [Fact]
    public async Task Import_IssuerNotInTrustList_FailsWithUntrustedIssuer()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());
        var trustList = bed.Write("trust.json", new JsonObject
        {
            ["issuers"] = new JsonArray(new JsonObject
            {
                ["issuer"] = "https://someone-else.example.jp",
                ["keys"] = new JsonArray(JsonNode.Parse(bed.IssuerKey.PublicJwk.ToJson())),
                ["credential_types"] = new JsonArray("*"),
            }),
        }.ToJsonString());

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", trustList, credential, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("trust.untrusted_issuer", run.ErrorCode);
    }

    [Fact]
    public async Task Import_TrustListListingTheIssuer_Succeeds()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());
        var trustList = bed.Write("trust.json", new JsonObject
        {
            ["issuers"] = new JsonArray(new JsonObject
            {
                ["issuer"] = bed.IssuerId,
                ["keys"] = new JsonArray(JsonNode.Parse(bed.IssuerKey.PublicJwk.ToJson())),
                ["credential_types"] = new JsonArray(AppTestBed.AgeVct),
            }),
        }.ToJsonString());

        var id = await bed.ImportAsync(credential, trustList);

        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task Import_CredentialBoundToAnotherKey_FailsWithHolderKeyMismatch()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        using var stranger = SigningKey.Create(JwsAlgorithm.Es256);
        var credential = await bed.IssueAgeCredentialAsync(bed.Write("stranger.pub.jwk", stranger.PublicJwk.ToJson()));

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("wallet.holder_key_mismatch", run.ErrorCode);
    }

    [Theory]
    [InlineData("not a credential")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~")]
    [InlineData("")]
    public async Task Import_MalformedCredential_FailsWithoutStackTrace(string text)
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();
        var credential = bed.Write("bad.sdjwt", text);

        var json = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential, "--json");
        var human = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, credential);

        Assert.Equal(ExitCodes.InputError, json.ExitCode);
        Assert.NotNull(json.ErrorCode);
        Assert.NotEqual(CliErrors.UnexpectedCode, json.ErrorCode);
        Assert.Equal(ExitCodes.InputError, human.ExitCode);
        Assert.DoesNotContain(" at ", human.Error);
        Assert.StartsWith("error (", human.Error);
    }

    [Fact]
    public async Task Import_MissingCredentialFile_FailsWithFileNotFound()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.IssuerPublicJwkPath, bed.PathOf("missing.sdjwt"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
    }

    [Fact]
    public async Task Import_MissingTrustFile_FailsWithFileNotFound()
    {
        using var bed = new AppTestBed();
        var credential = await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync());

        var run = await bed.HolderAsync("import", "--wallet", bed.WalletPath, "--trust", bed.PathOf("missing.jwk"), credential, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
    }

    [Fact]
    public async Task List_LangOption_ShowsTypeMetadataNameInJapaneseAndEnglish()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var ja = await bed.HolderAsync("list", "--wallet", bed.WalletPath, "--lang", "ja");
        var en = await bed.HolderAsync("list", "--wallet", bed.WalletPath, "--lang", "en");
        var enJson = await bed.HolderJsonAsync("list", "--lang", "en");

        Assert.Equal(0, ja.ExitCode);
        Assert.Contains(AppTestBed.TypeName("ja-JP"), ja.Output);
        Assert.Contains("名称", ja.Output);
        Assert.Contains(AppTestBed.TypeName("en-US"), en.Output);
        Assert.DoesNotContain(AppTestBed.TypeName("ja-JP"), en.Output);
        Assert.Contains(id, en.Output);
        Assert.Equal(AppTestBed.TypeName("en-US"), (string?)enJson["credentials"]![0]!["displayName"]);
    }

    [Fact]
    public async Task List_SystemLanguageJapanese_ShowsJapaneseName()
    {
        using var bed = new AppTestBed();
        await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        bed.Environment[UiLanguages.OverrideVariable] = null;
        bed.Environment["LANG"] = "ja_JP.UTF-8";

        var list = await bed.HolderJsonAsync("list");

        Assert.Equal("ja-JP", (string?)list["locale"]);
        Assert.Equal(AppTestBed.TypeName("ja-JP"), (string?)list["credentials"]![0]!["displayName"]);
    }

    [Fact]
    public async Task Show_Credential_ListsEveryClaimWithItsLabel()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var ja = await bed.HolderAsync("show", id, "--wallet", bed.WalletPath, "--lang", "ja");
        var json = await bed.HolderJsonAsync("show", id);

        Assert.Equal(0, ja.ExitCode);
        Assert.Contains(AppTestBed.ClaimLabel("age_over_20", "ja-JP"), ja.Output);
        Assert.Contains(AppTestBed.ClaimLabel("birth_date", "ja-JP"), ja.Output);
        Assert.Contains("平成12年2月29日 (2000-02-29)", ja.Output);
        var claims = json["claims"]!.AsArray();
        var over20 = claims.Single(c => (string?)c!["path"]![0] == "age_over_20")!;
        Assert.Equal(AppTestBed.ClaimLabel("age_over_20", "en-US"), (string?)over20["label"]);
        Assert.True((bool)over20["value"]!);
        Assert.True((bool)over20["selectivelyDisclosable"]!);
    }

    [Fact]
    public async Task Show_UnknownId_FailsWithNotFound()
    {
        using var bed = new AppTestBed();
        await bed.CreateWalletWithKeyAsync();

        var run = await bed.HolderAsync("show", "AAAAAAAAAAAAAAAAAAAAAA", "--wallet", bed.WalletPath, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal("wallet.not_found", run.ErrorCode);
    }

    [Fact]
    public async Task Present_UnknownClaim_FailsWithClaimNotFoundAndWritesNothing()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var output = bed.PathOf("p.txt");

        var run = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "--disclose", "family_name", "--aud", "a", "--nonce", "n", "--out", output, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("wallet.claim_not_found", run.ErrorCode);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Present_MalformedPath_FailsWithInvalidClaimPath()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var run = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "--disclose", "a..b", "--aud", "a", "--nonce", "n", "--out", bed.PathOf("p.txt"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidClaimPathCode, run.ErrorCode);
    }

    [Fact]
    public async Task Present_ExistingOutputWithoutForce_RefusesWithFileExists()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));
        var output = bed.Write("p.txt", "keep me");

        var run = await bed.HolderAsync("present", "--wallet", bed.WalletPath, "-c", id, "-d", "age_over_20", "--aud", "a", "--nonce", "n", "--out", output, "--json");

        Assert.Equal(ExitCodes.OutputError, run.ExitCode);
        Assert.Equal(CliErrors.FileExistsCode, run.ErrorCode);
        Assert.Equal("keep me", File.ReadAllText(output));
    }

    [Fact]
    public async Task Present_DisclosesNothing_WithholdsEverySelectivelyDisclosableClaim()
    {
        using var bed = new AppTestBed();
        var id = await bed.ImportAsync(await bed.IssueAgeCredentialAsync(await bed.CreateWalletWithKeyAsync()));

        var json = await bed.HolderJsonAsync("present", "-c", id, "--aud", "a", "--nonce", "n", "--out", bed.PathOf("p.txt"));

        Assert.Empty(json["disclosed"]!.AsArray());
        Assert.Equal(0, (int)json["disclosures"]!);
        Assert.Contains(json["withheld"]!.AsArray(), p => (string?)p![0] == "birth_date");
    }

    [Fact]
    public async Task UnknownOption_ReportsUsageError()
    {
        using var bed = new AppTestBed();

        var run = await bed.HolderAsync("list", "--frobnicate", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.UsageCode, run.ErrorCode);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("keys")]
    [InlineData("keys", "create")]
    [InlineData("keys", "import")]
    [InlineData("keys", "export")]
    [InlineData("keys", "list")]
    [InlineData("import")]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("present")]
    public async Task Help_EveryCommand_PrintsUsageAndSucceeds(params string[] command)
    {
        using var bed = new AppTestBed();

        var run = await bed.HolderAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains("--json", run.Output);
    }
}
