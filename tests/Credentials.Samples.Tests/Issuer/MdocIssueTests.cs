using System;
using System.Buffers.Text;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.Samples.Issuer;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>issuer issue --format mdoc</c>: the sample claims as mdoc elements, checked by the library's verifier.</summary>
public sealed class MdocIssueTests : IssuerTestBase
{
    [Fact]
    public async Task DrivingLicence_Mdl_RomajiKanjiDomesticNamespaceAndPrivileges()
    {
        var issued = await IssueAsync("driving-licence", SampleClaims("driving-licence"));
        var document = Assert.Single(issued.Documents);
        var iso = document.Elements[MdocNamespaces.Mdl];
        var domestic = document.Elements[MdocSampleDocuments.DomesticLicenceNamespace];

        Assert.Equal(MdocDocTypes.Mdl, document.DocType);
        Assert.Equal("YAMADA", Text(iso["family_name"]));
        Assert.Equal("HANAKO", Text(iso["given_name"]));
        Assert.Equal("山田", Text(iso["family_name_national_character"]));
        Assert.Equal("花子", Text(iso["given_name_national_character"]));
        Assert.Equal("Tokyo Metropolitan Public Safety Commission", Text(iso["issuing_authority"]));
        Assert.Equal("J", Text(iso["un_distinguishing_sign"]));
        Assert.True(iso["birth_date"].TryGetFullDate(out var birth));
        Assert.Equal(new DateOnly(1995, 5, 2), birth);
        Assert.Equal(MdocValueKind.FullDate, iso["expiry_date"].Kind);
        Assert.True(iso["age_over_20"].TryGetBoolean(out var over20) && over20);
        Assert.False(iso.ContainsKey("portrait"));
        Assert.True(iso["driving_privileges"].TryGetArray(out var privileges));
        Assert.True(privileges[0].TryGetMember("vehicle_category_code", out var category) && Text(category) == "B");
        Assert.True(privileges[0].TryGetMember("issue_date", out var since) && since.Kind == MdocValueKind.FullDate);

        Assert.Equal("ヤマダ", Text(domestic["family_name_kana"]));
        Assert.Equal("gold", Text(domestic["licence_colour"]));
        Assert.True(domestic["conditions_ja"].TryGetArray(out var conditions) && Text(conditions[0]) == "眼鏡等");
        Assert.Contains("resident_address_ja", domestic.Keys);
        Assert.All(new[] { "family_name", "given_name", "issuing_authority" }, e => Assert.True(MdocSampleDocuments.IsLatin1(Text(iso[e]))));
    }

    [Fact]
    public async Task Age_DefaultAndEuDocTypes_CarryOnlyTheTwoAgeStatements()
    {
        var japanese = Assert.Single((await IssueAsync("age", SampleClaims("age"))).Documents);
        var eu = Assert.Single((await IssueAsync("age", SampleClaims("age"), "--doctype", MdocDocTypes.EuAgeVerification)).Documents);

        Assert.Equal(MdocSampleDocuments.JapaneseAgeDocType, japanese.DocType);
        Assert.Equal(["age_over_18", "age_over_20"], japanese.Elements[MdocSampleDocuments.JapaneseAgeDocType].Keys.Order());
        Assert.Equal(MdocDocTypes.EuAgeVerification, eu.DocType);
        Assert.Equal(["age_over_18", "age_over_20"], eu.Elements[MdocNamespaces.EuAgeVerification].Keys.Order());
    }

    [Fact]
    public async Task Age_TwentiethBirthdayStartedInJapanButNotInUtc_AgeOver20IsTrue()
    {
        // 2030-12-06T15:30Z is 2030-12-07 00:30 in Japan: the holder born 2010-12-07 is 20 there, not yet by UTC's date.
        Clock.SetUtcNow(new DateTimeOffset(2030, 12, 6, 15, 30, 0, TimeSpan.Zero));
        var claims = PathOf("age-20.json");
        await File.WriteAllTextAsync(claims, """{ "birth_date": "2010-12-07" }""");

        var document = Assert.Single((await IssueAsync("age", claims)).Documents);

        Assert.True(document.Elements[MdocSampleDocuments.JapaneseAgeDocType]["age_over_20"].TryGetBoolean(out var over20) && over20);
    }

    [Fact]
    public async Task Age_NineteenYearOld_AgeOver20FalseAndValidityEndsAtTheBirthdayInJapan()
    {
        Clock.SetUtcNow(new DateTimeOffset(2031, 12, 1, 3, 0, 0, TimeSpan.Zero));
        var claims = PathOf("age-19.json");
        await File.WriteAllTextAsync(claims, """{ "birth_date": "2011-12-10" }""");

        var document = Assert.Single((await IssueAsync("age", claims)).Documents);

        Assert.True(document.Elements[MdocSampleDocuments.JapaneseAgeDocType]["age_over_20"].TryGetBoolean(out var over20) && !over20);
        Assert.Equal(new DateTimeOffset(2031, 12, 10, 0, 0, 0, TimeSpan.FromHours(9)), document.MobileSecurityObject.ValidityInfo.ValidUntil);
    }

    [Fact]
    public async Task Licence_RomajiLongerThan150_NotLatin1Error()
    {
        await PrepareAsync();
        var claims = JsonNode.Parse(await File.ReadAllTextAsync(SampleClaims("driving-licence")))!.AsObject();
        claims["family_name#ja-Latn-JP"] = new string('A', 151);
        var path = PathOf("long.json");
        await File.WriteAllTextAsync(path, claims.ToJsonString());

        var run = await RunAsync(Issue("driving-licence", path, "--json"));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(MdocSampleDocuments.NotLatin1Code, run.ErrorCode);
        Assert.False(File.Exists(PathOf("out.mdoc")));
    }

    [Theory]
    [InlineData("family_name#ja-Latn-JP", null)]
    [InlineData("issuing_authority", "架空県公安委員会")]
    public async Task Licence_NoRomajiForALatin1Element_NotLatin1Error(string claim, string? value)
    {
        await PrepareAsync();
        var claims = JsonNode.Parse(await File.ReadAllTextAsync(SampleClaims("driving-licence")))!.AsObject();
        if (value is null)
        {
            claims.Remove(claim);
        }
        else
        {
            claims[claim] = value;
        }

        var path = PathOf("no-romaji.json");
        await File.WriteAllTextAsync(path, claims.ToJsonString());

        var run = await RunAsync(Issue("driving-licence", path, "--json"));

        Assert.Equal(MdocSampleDocuments.NotLatin1Code, run.ErrorCode);
        Assert.Equal(claim, run.Json.GetProperty("error").GetProperty("problems")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task IpaExam_HasNoMdocForm()
    {
        await PrepareAsync();

        var run = await RunAsync(Issue("ipa-exam", SampleClaims("ipa-exam"), "--json"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(MdocSampleDocuments.NoMdocFormCode, run.ErrorCode);
    }

    [Fact]
    public async Task KeyNotTheCertificates_KeyMismatchError()
    {
        await PrepareAsync();
        var other = await CreateKeyAsync("other");

        var run = await RunAsync("issue", "--key", other, "--cert", PathOf("ds.pem"), "--type", "age", "--format", "mdoc", "--claims", SampleClaims("age"), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("out.mdoc"), "--json");

        Assert.Equal("issuer.mdoc_key_mismatch", run.ErrorCode);
    }

    [Theory]
    [InlineData("--doctype", "org.iso.18013.5.1.mDL")]
    [InlineData("--doctype", "eu.europa.ec.pid.1")]
    public async Task DocTypeNotAnAgeDocType_InvalidOption(string option, string value)
    {
        await PrepareAsync();

        var run = await RunAsync(Issue("age", SampleClaims("age"), option, value, "--json"));

        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
    }

    [Fact]
    public async Task MdocWithoutCertOrHolderKey_UsageError()
    {
        await PrepareAsync();

        var run = await RunAsync("issue", "--key", PathOf("ds.jwk"), "--type", "age", "--format", "mdoc", "--claims", SampleClaims("age"), "--out", PathOf("out.mdoc"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    private async Task PrepareAsync()
    {
        if (File.Exists(PathOf("ds.pem")))
        {
            return;
        }

        await RunOkAsync("iaca", "create", "--out-key", PathOf("iaca.jwk"), "--out-cert", PathOf("iaca.pem"));
        await CreateKeyAsync("ds");
        await CreateKeyAsync("holder");
        await RunOkAsync("iaca", "sign", "--iaca-key", PathOf("iaca.jwk"), "--iaca-cert", PathOf("iaca.pem"), "--key", PathOf("ds.jwk"), "--out", PathOf("ds.pem"));
    }

    private string[] Issue(string type, string claims, params string[] extra)
        => ["issue", "--key", PathOf("ds.jwk"), "--cert", PathOf("ds.pem"), "--type", type, "--format", "mdoc", "--claims", claims, "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("out.mdoc"), "--force", .. extra];

    /// <summary>Issues and verifies the issuer side with the IACA as the only trust anchor.</summary>
    private async Task<MdocVerifiedResponse> IssueAsync(string type, string claims, params string[] extra)
    {
        await PrepareAsync();
        await RunOkAsync(Issue(type, claims, extra));
        using var iaca = MdocCertificates.ParsePem(await File.ReadAllTextAsync(PathOf("iaca.pem")));
        var verifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [iaca], TimeProvider = Clock });
        var result = verifier.VerifyIssuerSigned(Base64Url.DecodeFromChars(await File.ReadAllTextAsync(PathOf("out.mdoc"))));
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Value;
    }

    private static string Text(MdocValue value) => value.TryGetString(out var text) ? text! : throw new InvalidOperationException("not text");
}
