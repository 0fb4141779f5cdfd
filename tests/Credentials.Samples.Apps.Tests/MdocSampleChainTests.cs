using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Samples.Holder;
using Credentials.Testing;
using Xunit;

namespace Credentials.Samples.Apps.Tests;

/// <summary>
/// The mdoc command chain with the built apps as processes, from an empty folder whose only trust input is the IACA
/// certificate: IACA, document signer and holder keys, issuance of the mDL and the age twin, import, presentation of
/// chosen elements for one OpenID4VP session, verification.
/// </summary>
public sealed class MdocSampleChainTests : IDisposable
{
    private const string Shop = "https://shop.example.jp";
    private const string Nonce = "n-mdoc-7Qk2";

    /// <summary>Every element the sample mDL and age twin carry, in every namespace.</summary>
    private static readonly string[] s_allElements =
    [
        "family_name", "given_name", "birth_date", "issue_date", "expiry_date", "issuing_country",
        "issuing_authority", "issuing_jurisdiction", "document_number", "driving_privileges", "un_distinguishing_sign",
        "age_over_18", "family_name_national_character", "given_name_national_character", "family_name_kana",
        "given_name_kana", "resident_address_ja", "licence_colour", "conditions_ja", "domestic_driving_privileges",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mdoc-chain-" + Guid.NewGuid().ToString("N"));

    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal)
    {
        [HolderApp.PassphraseVariable] = "mdoc sample passphrase 合言葉",
        [UiLanguages.OverrideVariable] = "en",
    };

    public MdocSampleChainTests()
    {
        Directory.CreateDirectory(_dir);
        foreach (var type in new[] { "driving-licence", "age" })
        {
            File.Copy(Path.Combine(RepositoryRoot.Path, "samples", "Shared", "SampleData", type + ".json"), PathOf(type + ".json"));
        }
    }

    [Fact]
    public async Task Chain_AgeOver20FromTheMdl_VerifierPrintsThatElementAndNothingElse()
    {
        var ids = await IssueAndImportAsync();

        await OkAsync("Holder", "present", "--wallet", "w.db", "--credential", ids["org.iso.18013.5.1.mDL"], "--disclose", "org.iso.18013.5.1:age_over_20", "--aud", Shop, "--nonce", Nonce, "--out", "age20.txt");
        var verify = await OkAsync("Verifier", "verify", "--presentation", "age20.txt", "--trust", "iaca.pem", "--aud", Shop, "--nonce", Nonce);

        Assert.Contains("age_over_20", verify.Output, StringComparison.Ordinal);
        Assert.Contains("org.iso.18013.5.1.mDL", verify.Output, StringComparison.Ordinal);
        foreach (var element in s_allElements)
        {
            Assert.DoesNotContain(element, verify.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("YAMADA", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("1995", verify.Output, StringComparison.Ordinal);

        var json = Parse(await OkAsync("Verifier", "verify", "--presentation", "age20.txt", "--trust", "iaca.pem", "--aud", Shop, "--nonce", Nonce, "--json"));
        Assert.True((bool)json["valid"]!);
        Assert.Equal("mso_mdoc", (string?)json["format"]);
        var elements = json["documents"]![0]!["elements"]!.AsObject();
        Assert.Equal(["org.iso.18013.5.1"], elements.Select(e => e.Key));
        Assert.Equal(["age_over_20"], elements["org.iso.18013.5.1"]!.AsObject().Select(e => e.Key));
        Assert.True((bool)elements["org.iso.18013.5.1"]!["age_over_20"]!);
        Assert.All(json["checks"]!.AsArray(), c => Assert.Equal("Passed", (string?)c!["outcome"]));
        Assert.Contains(json["checks"]!.AsArray(), c => (string?)c!["check"] == "DeviceAuthentication");
    }

    [Fact]
    public async Task Chain_WrongNonceOrResponseUri_FailsWithTheDeviceSignatureError()
    {
        var ids = await IssueAndImportAsync();
        await OkAsync("Holder", "present", "--wallet", "w.db", "--credential", ids["org.iso.18013.5.1.mDL"], "--disclose", "org.iso.18013.5.1:age_over_20", "--aud", Shop, "--nonce", Nonce, "--out", "age20.txt");

        foreach (var session in new[] { new[] { "--nonce", "another-nonce" }, new[] { "--nonce", Nonce, "--response-uri", "https://shop.example.jp/other" } })
        {
            var run = await RunAsync("Verifier", ["verify", "--presentation", "age20.txt", "--trust", "iaca.pem", "--aud", Shop, .. session, "--json"]);
            Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
            var json = Parse(run);
            Assert.False((bool)json["valid"]!);
            Assert.Equal("mdoc.invalid_device_signature", (string?)json["error"]!["code"]);
            Assert.Contains(json["checks"]!.AsArray(), c => (string?)c!["check"] == "DeviceAuthentication" && (string?)c["outcome"] == "Failed");
        }

        var human = await RunAsync("Verifier", ["verify", "--presentation", "age20.txt", "--trust", "iaca.pem", "--aud", Shop, "--nonce", "another-nonce"]);
        Assert.Equal(ExitCodes.Failure, human.ExitCode);
        Assert.Contains("mdoc.invalid_device_signature", human.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("age_over_20", human.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_LicenceCategoriesAlone_OnlyDrivingPrivilegesReachTheVerifier()
    {
        var ids = await IssueAndImportAsync();
        const string Police = "https://roadside.example.jp";
        await OkAsync("Holder", "present", "--wallet", "w.db", "--credential", ids["org.iso.18013.5.1.mDL"], "--disclose", "org.iso.18013.5.1:driving_privileges", "--aud", Police, "--nonce", Nonce, "--response-uri", Police + "/response", "--out", "categories.txt");

        var json = Parse(await OkAsync("Verifier", "verify", "--presentation", "categories.txt", "--trust", "iaca.pem", "--aud", Police, "--nonce", Nonce, "--response-uri", Police + "/response", "--json"));
        var elements = json["documents"]![0]!["elements"]!.AsObject();
        Assert.Equal(["org.iso.18013.5.1"], elements.Select(e => e.Key));
        Assert.Equal(["driving_privileges"], elements["org.iso.18013.5.1"]!.AsObject().Select(e => e.Key));
        var privileges = elements["org.iso.18013.5.1"]!["driving_privileges"]!.AsArray();
        Assert.Equal(["B", "AM"], privileges.Select(p => (string)p!["vehicle_category_code"]!));
        Assert.Equal("01", (string?)privileges[0]!["codes"]![0]!["code"]);
        Assert.Equal("2015-08-20", (string?)privileges[0]!["issue_date"]);

        var human = await OkAsync("Verifier", "verify", "--presentation", "categories.txt", "--trust", "iaca.pem", "--aud", Police, "--nonce", Nonce, "--response-uri", Police + "/response");
        // issue_date and expiry_date are also members of each privilege: the JSON check above covers them.
        foreach (var element in s_allElements.Where(e => e is not ("driving_privileges" or "issue_date" or "expiry_date")))
        {
            Assert.DoesNotContain(element, human.Output.Replace("domestic_driving_privileges", "?", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chain_EuAgeTwin_PresentsAgeOver20FromItsOwnNamespace()
    {
        var ids = await IssueAndImportAsync(euAgeTwin: true);
        await OkAsync("Holder", "present", "--wallet", "w.db", "--credential", ids["eu.europa.ec.av.1"], "--disclose", "eu.europa.ec.av.1:age_over_20", "--aud", Shop, "--nonce", Nonce, "--out", "eu.txt");

        var json = Parse(await OkAsync("Verifier", "verify", "--presentation", "eu.txt", "--trust", "iaca.pem", "--aud", Shop, "--nonce", Nonce, "--json"));
        Assert.Equal("eu.europa.ec.av.1", (string?)json["documents"]![0]!["docType"]);
        Assert.Equal(["age_over_20"], json["documents"]![0]!["elements"]!["eu.europa.ec.av.1"]!.AsObject().Select(e => e.Key));

        var wrong = await RunAsync("Holder", ["present", "--wallet", "w.db", "--credential", ids["eu.europa.ec.av.1"], "--disclose", "age_over_20", "--aud", Shop, "--nonce", Nonce, "--out", "bad.txt", "--json"]);
        Assert.Equal(ExitCodes.Usage, wrong.ExitCode);
        Assert.Equal("holder.invalid_mdoc_element", (string?)Parse(wrong)["error"]!["code"]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The chain up to the wallet: returns the stored ids by document type.</summary>
    private async Task<Dictionary<string, string>> IssueAndImportAsync(bool euAgeTwin = false)
    {
        await OkAsync("Issuer", "iaca", "create", "--out-key", "iaca.jwk", "--out-cert", "iaca.pem");
        await OkAsync("Issuer", "keys", "create", "--alg", "ES256", "--out", "ds.jwk", "--public-out", "ds.pub.jwk");
        await OkAsync("Issuer", "iaca", "sign", "--iaca-key", "iaca.jwk", "--iaca-cert", "iaca.pem", "--key", "ds.jwk", "--out", "ds.pem");
        await OkAsync("Holder", "init", "--wallet", "w.db");
        await OkAsync("Holder", "keys", "create", "--wallet", "w.db", "--alg", "ES256");
        await OkAsync("Holder", "keys", "export", "--wallet", "w.db", "--public", "--out", "holder.pub.jwk");

        await OkAsync("Issuer", "issue", "--key", "ds.jwk", "--cert", "ds.pem", "--type", "driving-licence", "--format", "mdoc", "--claims", "driving-licence.json", "--holder-key", "holder.pub.jwk", "--out", "licence.mdoc");
        string[] age = ["issue", "--key", "ds.jwk", "--cert", "ds.pem", "--type", "age", "--format", "mdoc", "--claims", "age.json", "--holder-key", "holder.pub.jwk", "--out", "age.mdoc"];
        await OkAsync("Issuer", euAgeTwin ? [.. age, "--doctype", "eu.europa.ec.av.1"] : age);

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "licence.mdoc", "age.mdoc" })
        {
            var imported = Parse(await OkAsync("Holder", "import", "--wallet", "w.db", "--trust", "iaca.pem", file, "--json"));
            Assert.Equal("mso_mdoc", (string?)imported["format"]);
            ids[(string)imported["docType"]!] = (string)imported["id"]!;
        }

        var list = Parse(await OkAsync("Holder", "list", "--wallet", "w.db", "--json"));
        Assert.Equal(ids.Values.Order(), list["credentials"]!.AsArray().Select(c => (string)c!["id"]!).Order());
        Assert.All(list["credentials"]!.AsArray(), c => Assert.Equal("mso_mdoc", (string?)c!["format"]));
        return ids;
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static JsonObject Parse(ProcessRun run) => JsonNode.Parse(run.Output)!.AsObject();

    private Task<ProcessRun> RunAsync(string app, string[] args) => BuiltApp.RunAsync(app, args, _environment, workingDirectory: _dir);

    private async Task<ProcessRun> OkAsync(string app, params string[] args)
    {
        var run = await RunAsync(app, args);
        Assert.True(run.ExitCode == 0, $"{app} {string.Join(' ', args)}\n{run}");
        return run;
    }
}
