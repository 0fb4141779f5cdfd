using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Status;
using Credentials.Tests.SdJwt.Verification;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Jose;

/// <summary>
/// RFC 7797: b64 changes what the signature covers. No token type of this library allows it (nor the JWE-only zip), so
/// it is refused in every header, with or without crit, whatever its value.
/// </summary>
public sealed class JwsUnsupportedHeaderTests
{
    public static TheoryData<string> Headers =>
    [
        "{\"alg\":\"EdDSA\",\"b64\":false}",
        "{\"alg\":\"EdDSA\",\"b64\":true}",
        "{\"alg\":\"EdDSA\",\"typ\":\"kb+jwt\",\"b64\":false}",
        "{\"alg\":\"EdDSA\",\"zip\":\"DEF\"}",
    ];

    [Theory]
    [MemberData(nameof(Headers))]
    public void ReadCompact_HeaderWithB64OrZip_FailsWithUnsupportedHeader(string header)
    {
        var token = Part(header) + "." + Part("{}") + ".AAAA";

        var result = Jws.ReadCompact(token);

        Assert.Equal(JoseErrors.UnsupportedHeader, result.Error!.Code);
    }

    [Fact]
    public void FromParts_UnprotectedB64_FailsWithUnsupportedHeader()
    {
        using var doc = JsonDocument.Parse("{\"b64\":false}");

        var result = Jws.FromParts(Part("{\"alg\":\"EdDSA\"}"), Part("{}"), "AAAA", doc.RootElement);

        Assert.Equal(JoseErrors.UnsupportedHeader, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssuerSignedJwtWithB64WithoutCrit_FailsWithUnsupportedHeader()
    {
        using var kit = new SdJwtTestKit();
        var jwt = Sign(kit.IssuerKey, "{\"alg\":\"EdDSA\",\"typ\":\"example+sd-jwt\",\"b64\":false}", "{\"iss\":\"https://issuer.example\"}");

        var result = await kit.VerifyAsync(jwt + "~");

        Assert.Equal(JoseErrors.UnsupportedHeader, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_KbJwtWithB64_FailsWithKbMalformed()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.Compact("{\"cnf\":" + kit.CnfJson + "}");
        var kbPayload = "{\"nonce\":\"" + SdJwtTestKit.Nonce + "\",\"aud\":\"" + SdJwtTestKit.Audience + "\",\"iat\":" + kit.NowSeconds + ",\"sd_hash\":\"" + SdHashAlgorithm.Sha256.ComputeDigest(sdJwt) + "\"}";
        var kb = Sign(kit.HolderKey, "{\"alg\":\"EdDSA\",\"typ\":\"kb+jwt\",\"b64\":false}", kbPayload);

        var result = await kit.VerifyAsync(sdJwt + kb, KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.Malformed, result.Error!.Code);
        Assert.Equal(JoseErrors.UnsupportedHeader, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task VerifyStatusListToken_WithB64_FailsWithInvalidListToken()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var token = Sign(key, "{\"alg\":\"EdDSA\",\"typ\":\"statuslist+jwt\",\"b64\":false}", "{\"sub\":\"https://s.example/1\",\"iat\":1,\"status_list\":{\"bits\":1,\"lst\":\"eNrbuRgAAhcBXQ\"}}");
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(key.PublicJwk));

        var result = await verifier.VerifyAsync(token, "https://s.example/1");

        Assert.Equal(StatusErrors.InvalidListToken, result.Error!.Code);
        Assert.Equal(JoseErrors.UnsupportedHeader, result.Error.Inner!.Code);
    }

    [Theory]
    [InlineData("b64")]
    [InlineData("zip")]
    public void SignCompact_ExtraHeaderB64OrZip_ThrowsArgumentException(string name)
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => JwsWriter.SignCompact(key, "{}"u8, null, new Dictionary<string, JsonNode?> { [name] = false }));
    }

    private static string Part(string json) => Credentials.Internal.StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json));

    private static string Sign(SigningKey key, string header, string payload)
    {
        var input = Part(header) + "." + Part(payload);
        return input + "." + Credentials.Internal.StrictBase64Url.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
    }
}
