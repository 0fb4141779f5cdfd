using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Tests.SdJwt.Verification;
using Xunit;

namespace Credentials.Tests.Security;

/// <summary>
/// Hostile-input cases that the per-module suites do not already cover: headers that try to bring their own key
/// (RFC 8725 section 3.10 and 2.7), numbers beyond any sane range, and errors that must not repeat claim values or salts.
/// The map from every listed case to its test is in specs/security.md.
/// </summary>
public sealed class HostileInputTests
{
    private const string Payload = "{\"iss\":\"https://issuer.example\",\"sub\":\"user_42\"}";

    public static TheoryData<string> KeyCarryingHeaders => new()
    {
        "jwk",
        "jku",
        "x5u",
        "x5c",
        "kid",
    };

    [Theory]
    [MemberData(nameof(KeyCarryingHeaders))]
    public async Task Verify_HeaderNamingTheSignersOwnKey_IsNotTrustedAndFailsWithInvalidSignature(string header)
    {
        using var kit = new SdJwtTestKit();
        using var impostor = SigningKey.Create(JwsAlgorithm.EdDsa);
        JsonNode value = header switch
        {
            "jwk" => JsonNode.Parse(impostor.PublicJwk.ToJson())!,
            "x5c" => new JsonArray("MIIBszCCAVmgAwIBAgIUQ29udHJvbGxlZCBieSB0aGUgYXR0YWNrZXI="),
            "kid" => "attacker-key",
            _ => "https://attacker.example/keys",
        };
        var token = JwsWriter.SignCompact(impostor, Encoding.UTF8.GetBytes(Payload), "example+sd-jwt", new Dictionary<string, JsonNode?> { [header] = value });

        var result = await kit.VerifyAsync(token + "~");

        // The verifier's configured key is the only one used: the header's key, URL or id never replaces it.
        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("-1")]
    [InlineData("1e12")]
    public async Task Verify_ExpBeyondAnyDate_FailsWithInvalidTimeClaim(string exp)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"iss\":\"https://issuer.example\",\"exp\":" + exp + "}"));

        Assert.Equal(SdJwtErrors.InvalidTimeClaim, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_HugeNumberAsAnOrdinaryClaim_IsKeptExactlyAsIssued()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"iss\":\"https://issuer.example\",\"score\":1e400,\"id\":123456789012345678901234567890}"));

        Assert.True(result.IsValid);
        Assert.Equal("1e400", result.Value.Claims.GetProperty("score").GetRawText());
        Assert.Equal("123456789012345678901234567890", result.Value.Claims.GetProperty("id").GetRawText());
    }

    [Fact]
    public async Task Verify_FailuresAboutDisclosures_NeverRepeatTheirValuesOrSalts()
    {
        const string Secret = "秘密の値-7731";
        const string Salt = "c2FsdC1ub3QtdG8tYmUtbG9nZ2Vk";
        using var kit = new SdJwtTestKit();
        var disclosure = SdJwtTestKit.Encode("[\"" + Salt + "\",\"birth_date\",\"" + Secret + "\"]");
        var collidingName = SdJwtTestKit.Encode("[\"" + Salt + "\",\"sub\",\"" + Secret + "\"]");
        var arrayElement = SdJwtTestKit.Encode("[\"" + Salt + "\",\"" + Secret + "\"]");
        var cases = new[]
        {
            // Referenced by no digest.
            kit.Compact(Payload, disclosure),

            // Collides with a plaintext claim.
            kit.Compact("{\"iss\":\"https://issuer.example\",\"sub\":\"x\",\"_sd\":[" + SdJwtTestKit.Quoted(SdJwtTestKit.Digest(collidingName)) + "]}", collidingName),

            // An array element disclosure referenced from _sd.
            kit.Compact("{\"iss\":\"https://issuer.example\",\"_sd\":[" + SdJwtTestKit.Quoted(SdJwtTestKit.Digest(arrayElement)) + "]}", arrayElement),

            // The same disclosure twice.
            kit.Compact("{\"iss\":\"https://issuer.example\",\"_sd\":[" + SdJwtTestKit.Quoted(SdJwtTestKit.Digest(disclosure)) + "]}", disclosure, disclosure),
        };

        foreach (var presentation in cases)
        {
            var result = await kit.VerifyAsync(presentation);

            Assert.False(result.IsValid);
            for (var error = result.Error; error is not null; error = error.Inner)
            {
                Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(Salt, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(Salt, error.Message, StringComparison.Ordinal);
            }
        }
    }
}
