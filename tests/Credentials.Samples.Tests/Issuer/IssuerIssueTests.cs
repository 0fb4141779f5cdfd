using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Samples.Issuer;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerIssueTests : IssuerTestBase
{
    public static TheoryData<string> TypeNames() => new(CredentialTypes.Names);

    [Theory]
    [MemberData(nameof(TypeNames))]
    public async Task Issue_SampleClaims_WritesCredentialThatVerifies(string type)
    {
        var key = await CreateKeyAsync("issuer", "EdDSA");
        await CreateKeyAsync("holder");

        var run = await RunOkAsync("issue", "--key", key, "--type", type, "--claims", SampleClaims(type), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("c.sd-jwt"), "--json");

        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(PathOf("holder.jwk"))));
        var issued = File.ReadAllText(PathOf("c.sd-jwt"));
        var result = await CredentialChecks.PresentAllAndVerifyAsync(issued, holderKey, Clock);
        CredentialChecks.AssertValid(result);
        CredentialChecks.AssertSatisfiesMetadata(issued, CredentialTypes.Get(type));
        Assert.Equal(type, run.Json.GetProperty("type").GetString());
        Assert.Equal(issued, run.Json.GetProperty("credential").GetString());
        Assert.True(run.Json.GetProperty("holderBound").GetBoolean());
        Assert.StartsWith("did:key:", run.Json.GetProperty("iss").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_HumanOutput_NamesTheTypeAndFile()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunOkAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("age.sd-jwt"));

        Assert.Contains("Age credential (sample)", run.Output, StringComparison.Ordinal);
        Assert.Contains("did:key:", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Issue_OutDash_WritesCredentialToStandardOutput()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunOkAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--out", "-");

        Assert.True(SdJwtToken.Read(run.Output.Trim()).IsValid);
    }

    [Fact]
    public async Task Issue_CustomVct_SdPathsAreDisclosable()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), """{"member_id":"A-0001","address":{"region":"東京都","locality":"千代田区"},"plan":"gold"}""");

        await RunOkAsync("issue", "--key", key, "--vct", "https://credentials.example.jp/vct/membership/v1", "--sd", "member_id,address.region", "--claims", PathOf("claims.json"), "--out", PathOf("m.sd-jwt"));

        var sdJwt = SdJwtToken.Read(File.ReadAllText(PathOf("m.sd-jwt"))).Value;
        var disclosable = new SdJwtHolder().GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        Assert.Equal(2, disclosable.Length);
        Assert.Contains(ClaimPath.Of("member_id"), disclosable);
        Assert.Contains(ClaimPath.Of("address", "region"), disclosable);
    }

    [Fact]
    public async Task Issue_MissingClaimsFile_InputError()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("issue", "--key", key, "--type", "age", "--claims", PathOf("absent.json"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.FileNotFoundCode, run.ErrorCode);
        Assert.False(File.Exists(PathOf("c")));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"kty":"EC","crv":"P-256"}""")]
    [InlineData("""{"kty":"oct","k":"AAAA"}""")]
    [InlineData("""{"kty":"EC","kty":"EC"}""")]
    public async Task Issue_MalformedJwk_InputError(string jwk)
    {
        File.WriteAllText(PathOf("bad.jwk"), jwk);

        var run = await RunAsync("issue", "--key", PathOf("bad.jwk"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.MalformedJwkCode, run.ErrorCode);
    }

    [Fact]
    public async Task Issue_PublicKeyToSign_InputError()
    {
        await CreateKeyAsync("issuer");

        var run = await RunAsync("issue", "--key", PathOf("issuer.pub.jwk"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal(CliErrors.PrivateKeyRequiredCode, run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
    }

    [Fact]
    public async Task Issue_PrivateHolderKey_InputError()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--holder-key", key, "--out", PathOf("c"), "--json");

        Assert.Equal(CliErrors.PublicKeyExpectedCode, run.ErrorCode);
    }

    [Fact]
    public async Task Issue_UnknownType_InputErrorListsTypes()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("issue", "--key", key, "--type", "passport", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.UnknownTypeCode, run.ErrorCode);
        Assert.Contains("driving-licence", run.Json.GetProperty("error").GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"birth_date\": \"2002-04-02\"", CliErrors.MalformedJsonCode)]
    [InlineData("{\"birth_date\": \"2002-04-02\", \"birth_date\": \"2001-01-01\"}", CliErrors.MalformedJsonCode)]
    [InlineData("[1,2]", CliErrors.MalformedJsonCode)]
    [InlineData("{\"birth_date\": \"平成14年4月2日\"}", CliErrors.InvalidClaimsCode)]
    [InlineData("{\"birth_date\": \"2002-04-02\", \"exp\": 1}", CliErrors.InvalidClaimsCode)]
    public async Task Issue_BadClaims_InputError(string claims, string code)
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), claims);

        var run = await RunAsync("issue", "--key", key, "--type", "age", "--claims", PathOf("claims.json"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(code, run.ErrorCode);
    }

    [Theory]
    [InlineData("--type", "age", "--vct", "https://x.example/v1")]
    [InlineData("--type", "age", "--sd", "a")]
    [InlineData("--status-list", "db.sqlite", "--type", "age")]
    public async Task Issue_ConflictingOptions_UsageError(params string[] extra)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync(["issue", "--key", key, "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json", .. extra]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.UsageCode, run.ErrorCode);
    }

    [Fact]
    public async Task Issue_IssuerDidOfAnotherKey_Refused()
    {
        var key = await CreateKeyAsync("issuer");
        await CreateKeyAsync("other");
        var otherDid = (await RunOkAsync("did", "--key", PathOf("other.jwk"))).Output.Trim();

        var run = await RunAsync("issue", "--key", key, "--issuer", otherDid, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal("issuer.key_mismatch", run.ErrorCode);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task Issue_HttpsIssuer_UsesIt()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunOkAsync("issue", "--key", key, "--issuer", "https://issuer.credentials.example.jp/ipa", "--type", "ipa-exam", "--claims", SampleClaims("ipa-exam"), "--out", PathOf("c"), "--json");

        Assert.Equal("https://issuer.credentials.example.jp/ipa", run.Json.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task Issue_OutputExists_RefusedUnlessForce()
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("c"), "keep");

        var refused = await RunAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");
        Assert.Equal(ExitCodes.OutputError, refused.ExitCode);
        Assert.Equal("keep", File.ReadAllText(PathOf("c")));

        await RunOkAsync("issue", "--key", key, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--force");
        Assert.NotEqual("keep", File.ReadAllText(PathOf("c")));
    }

    [Theory]
    [InlineData("nothere")]
    [InlineData("given_name,nothere")]
    [InlineData("address.nothere")]
    [InlineData("results[]")]
    public async Task Issue_SdPathThatNamesNoClaim_RefusedAndNothingIssued(string sd)
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), "{\"given_name\": \"結衣\", \"address\": {\"region\": \"東京都\"}}");

        var run = await RunAsync("issue", "--key", key, "--vct", "https://credentials.example.jp/vct/custom/v1", "--sd", sd, "--claims", PathOf("claims.json"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(IssuerErrors.SdClaimNotFound, run.ErrorCode);
        Assert.False(File.Exists(PathOf("c")));
    }

    [Theory]
    [InlineData("http://issuer.example.jp")]
    [InlineData("http://192.0.2.10/ipa")]
    [InlineData("ftp://issuer.example.jp")]
    public async Task Issue_IssuerNotHttpsOutsideLoopback_RefusedAndNothingIssued(string issuer)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("issue", "--key", key, "--issuer", issuer, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.False(File.Exists(PathOf("c")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080/ipa")]
    [InlineData("http://[::1]:5080")]
    public async Task Issue_HttpIssuerOnLoopback_Accepted(string issuer)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunOkAsync("issue", "--key", key, "--issuer", issuer, "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("c"), "--json");

        Assert.Equal(issuer, run.Json.GetProperty("iss").GetString());
    }

    [Theory]
    [InlineData("2003-02-30", CredentialType.DateDoesNotExist)]
    [InlineData("2099-02-03", null)]
    public async Task Issue_BirthDateThatCannotBe_ReportsOnlyTheBirthDate(string birthDate, string? message)
    {
        var key = await CreateKeyAsync("issuer");
        File.WriteAllText(PathOf("claims.json"), $"{{\"birth_date\": \"{birthDate}\"}}");

        var run = await RunAsync("issue", "--key", key, "--type", "age", "--claims", PathOf("claims.json"), "--out", PathOf("c"), "--json");

        Assert.Equal(CliErrors.InvalidClaimsCode, run.ErrorCode);
        var problem = Assert.Single(run.Json.GetProperty("error").GetProperty("problems").EnumerateArray());
        Assert.Equal("birth_date", problem.GetProperty("path").GetString());
        if (message is not null)
        {
            Assert.Equal(message, problem.GetProperty("message").GetString());
        }
    }
}
