using System;
using System.IO;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>issuer</c> with keys inside a SoftHSM2 token: <c>keys create --pkcs11</c>, then <c>issue --key pkcs11:...</c>.</summary>
public sealed class IssuerPkcs11Tests : IssuerTestBase
{
    [Theory]
    [InlineData("ES256", "age")]
    [InlineData("EdDSA", "ipa-exam")]
    [InlineData("ES384", "age")]
    public async Task KeysCreateInTheToken_ThenIssueWithItsUri_VerifiesWithThePublicJwk(string alg, string type)
    {
        var token = SoftHsm.CreateToken("cli");
        await CreateKeyAsync("holder", "EdDSA");

        var created = await RunOkAsync("keys", "create", "--alg", alg, "--pkcs11", token.Uri("object=issuer-2026"), "--public-out", PathOf("issuer.pub.jwk"), "--json");
        var keyUri = created.Json.GetProperty("pkcs11").GetString()!;
        var issued = await RunOkAsync("issue", "--key", keyUri, "--type", type, "--claims", SampleClaims(type), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("c.sd-jwt"), "--json");

        var publicJwk = Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        Assert.False(publicJwk.HasPrivateKey);
        Assert.Contains("type=private", keyUri, StringComparison.Ordinal);
        Assert.StartsWith("did:key:", issued.Json.GetProperty("iss").GetString(), StringComparison.Ordinal);
        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(PathOf("holder.jwk"))));
        var result = await CredentialChecks.PresentAllAndVerifyAsync(File.ReadAllText(PathOf("c.sd-jwt")), holderKey, Clock);
        CredentialChecks.AssertValid(result);
    }

    [Fact]
    public async Task IssueWithATokenKey_PinFromTheEnvironmentVariable()
    {
        var token = SoftHsm.CreateToken("clienv");
        await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=k1"), "--public-out", PathOf("k1.pub.jwk"));
        Environment.SetEnvironmentVariable("CREDENTIALS_PKCS11_PIN", token.Pin);
        try
        {
            await RunOkAsync("issue", "--key", token.UriWithoutPin("object=k1;type=private"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("age.sd-jwt"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CREDENTIALS_PKCS11_PIN", null);
        }

        Assert.True(File.Exists(PathOf("age.sd-jwt")));
    }

    [Fact]
    public async Task IssueWithAMissingTokenKey_FailsWithTheStableCode()
    {
        var token = SoftHsm.CreateToken("climiss");

        var run = await RunAsync("issue", "--key", token.Uri("object=absent"), "--type", "age", "--claims", SampleClaims("age"), "--out", PathOf("x.sd-jwt"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("pkcs11.key_not_found", run.Output + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("x.sd-jwt")));
    }

    [Fact]
    public async Task KeysCreatePkcs11_WithoutPublicOut_IsAUsageError()
    {
        var token = SoftHsm.CreateToken("cliusage");

        var run = await RunAsync("keys", "create", "--pkcs11", token.Uri("object=k"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}
