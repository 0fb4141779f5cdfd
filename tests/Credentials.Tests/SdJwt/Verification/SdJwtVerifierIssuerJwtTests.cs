using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Xunit;
using Credentials.Trust;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>RFC 9901 section 7.1 steps 1, 2 and 6: structure, the Issuer-signed JWT, limits and time claims.</summary>
public sealed class SdJwtVerifierIssuerJwtTests
{
    private const string Payload = "{\"iss\":\"https://issuer.example\",\"sub\":\"user_42\"}";

    [Fact]
    public async Task Verify_IssuerAlgNone_FailsWithJoseCode()
    {
        using var kit = new SdJwtTestKit();
        var unsigned = Encode("{\"alg\":\"none\"}") + "." + Encode(Payload);

        var emptySignature = await kit.VerifyAsync(unsigned + ".~");
        var fakeSignature = await kit.VerifyAsync(unsigned + ".AAAA~");

        Assert.Equal(JoseErrors.UnsupportedAlgorithm, emptySignature.Error!.Code);
        Assert.Equal(JoseErrors.UnsupportedAlgorithm, fakeSignature.Error!.Code);
        Assert.Equal(VerificationFailureKind.UnsupportedAlgorithm, fakeSignature.Error.Kind);
    }

    [Fact]
    public async Task Verify_IssuerHs256KeyedWithPublicKey_FailsWithUnsupportedAlgorithm()
    {
        using var kit = new SdJwtTestKit();
        var input = Encode("{\"alg\":\"HS256\"}") + "." + Encode(Payload);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(kit.IssuerKey.PublicJwk.ToJson()), Encoding.ASCII.GetBytes(input));

        var result = await kit.VerifyAsync(input + "." + System.Buffers.Text.Base64Url.EncodeToString(mac) + "~");

        Assert.Equal(JoseErrors.UnsupportedAlgorithm, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssuerSignedByWrongKey_FailsWithInvalidSignature()
    {
        using var kit = new SdJwtTestKit();
        using var impostor = SigningKey.Create(JwsAlgorithm.EdDsa);

        var result = await kit.VerifyAsync(JwsWriter.SignCompact(impostor, Encoding.UTF8.GetBytes(Payload)) + "~");

        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.InvalidSignature, result.Error.Kind);
    }

    [Fact]
    public async Task Verify_TamperedIssuerPayload_FailsWithInvalidSignature()
    {
        using var kit = new SdJwtTestKit();
        var parts = kit.SignPayload(Payload).Split('.');
        var tampered = parts[0] + "." + Encode(Payload.Replace("user_42", "user_43", StringComparison.Ordinal)) + "." + parts[2];

        var result = await kit.VerifyAsync(tampered + "~");

        Assert.Equal(JoseErrors.InvalidSignature, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_IssuerAlgorithmNotAllowed_FailsWithAlgorithmNotAllowed()
    {
        using var kit = new SdJwtTestKit(JwsAlgorithm.Es256K);

        var result = await kit.VerifyAsync(kit.Compact(Payload));
        var allowed = await kit.VerifyAsync(kit.Compact(Payload), options: kit.Options() with { AllowedAlgorithms = [JwsAlgorithm.Es256K] });

        Assert.Equal(JoseErrors.AlgorithmNotAllowed, result.Error!.Code);
        Assert.True(allowed.IsValid, allowed.Error?.ToString());
    }

    [Fact]
    public async Task Verify_IssuerTypNotAccepted_FailsWithInvalidType()
    {
        using var kit = new SdJwtTestKit();
        var options = kit.Options() with { AcceptedTypes = ["dc+sd-jwt"] };

        var result = await kit.VerifyAsync(kit.Compact(Payload), options: options);

        Assert.Equal(JoseErrors.InvalidType, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_DuplicateMemberInIssuerPayload_FailsWithDuplicateMember()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"sub\":\"a\",\"sub\":\"b\"}"));

        Assert.Equal(JoseErrors.DuplicateMember, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_NoIssuerKey_FailsWithIssuerKeyNotFound()
    {
        using var kit = new SdJwtTestKit();
        var resolver = new StaticIssuerKeyResolver([new System.Collections.Generic.KeyValuePair<string, Jwk>("https://other.example", kit.IssuerKey.PublicJwk)]);

        var result = await new SdJwtVerifier(resolver, options: kit.Options()).VerifyAsync(kit.Compact(Payload), KeyBindingRequirement.Forbidden);

        Assert.Equal(SdJwtErrors.IssuerKeyNotFound, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.UntrustedIssuer, result.Error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-tilde-at-all")]
    [InlineData("~")]
    [InlineData("~abc~")]
    public async Task Verify_NotAnSdJwt_FailsWithMalformed(string text)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(text);

        Assert.Equal(SdJwtErrors.Malformed, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_EmptyDisclosureBetweenTildes_FailsWithMalformed()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.SignPayload(Payload) + "~~");

        Assert.Equal(SdJwtErrors.Malformed, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_TooManyDisclosures_FailsWithTooManyDisclosures()
    {
        using var kit = new SdJwtTestKit();
        var disclosures = Enumerable.Range(0, 3).Select(i => Encode("[\"s" + i + "\",\"c" + i + "\"," + i + "]")).ToArray();
        var payload = "{\"_sd\":[" + Quoted(disclosures.Select(Digest).ToArray()) + "]}";
        var limits = SdJwtReaderOptions.Default with { MaxDisclosures = 2 };

        var result = await kit.VerifyAsync(kit.Compact(payload, disclosures), options: kit.Options() with { Limits = limits });
        var atLimit = await kit.VerifyAsync(kit.Compact(payload, disclosures[..2]), options: kit.Options() with { Limits = limits });

        Assert.Equal(SdJwtErrors.TooManyDisclosures, result.Error!.Code);
        Assert.True(atLimit.IsValid, atLimit.Error?.ToString());
    }

    [Fact]
    public async Task Verify_TooLong_FailsWithTooLarge()
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.Compact(Payload);

        var result = await kit.VerifyAsync(sdJwt, options: kit.Options() with { Limits = SdJwtReaderOptions.Default with { MaxLength = sdJwt.Length - 1 } });
        var atLimit = await kit.VerifyAsync(sdJwt, options: kit.Options() with { Limits = SdJwtReaderOptions.Default with { MaxLength = sdJwt.Length } });

        Assert.Equal(SdJwtErrors.TooLarge, result.Error!.Code);
        Assert.True(atLimit.IsValid, atLimit.Error?.ToString());
    }

    [Fact]
    public async Task Verify_DisclosuresNestedDeeperThanLimit_FailsWithTooDeep()
    {
        using var kit = new SdJwtTestKit();
        // Each disclosure is shallow, but together they nest one object per level.
        var inner = Encode("[\"s0\",\"leaf\",1]");
        var chain = new System.Collections.Generic.List<string> { inner };
        for (var i = 1; i < 12; i++)
        {
            chain.Add(Encode("[\"s" + i + "\",\"n" + i + "\",{\"_sd\":[\"" + Digest(chain[^1]) + "\"]}]"));
        }

        var payload = "{\"_sd\":[\"" + Digest(chain[^1]) + "\"]}";
        var limits = SdJwtReaderOptions.Default with { MaxDepth = 8 };

        var result = await kit.VerifyAsync(kit.Compact(payload, [.. chain]), options: kit.Options() with { Limits = limits });
        var unlimited = await kit.VerifyAsync(kit.Compact(payload, [.. chain]));

        Assert.Equal(SdJwtErrors.TooDeep, result.Error!.Code);
        Assert.True(unlimited.IsValid, unlimited.Error?.ToString());
    }

    [Fact]
    public async Task Verify_ExpiredBeyondSkew_FailsWithExpired()
    {
        using var kit = new SdJwtTestKit();
        var skew = (long)kit.Options().ClockSkew.TotalSeconds;

        var justValid = await kit.VerifyAsync(kit.Compact("{\"exp\":" + (kit.NowSeconds - skew + 1) + "}"));
        var expired = await kit.VerifyAsync(kit.Compact("{\"exp\":" + (kit.NowSeconds - skew) + "}"));

        Assert.True(justValid.IsValid, justValid.Error?.ToString());
        Assert.Equal(SdJwtErrors.Expired, expired.Error!.Code);
        Assert.Equal(VerificationFailureKind.Expired, expired.Error.Kind);
    }

    [Fact]
    public async Task Verify_NotBeforeBeyondSkew_FailsWithNotYetValid()
    {
        using var kit = new SdJwtTestKit();
        var skew = (long)kit.Options().ClockSkew.TotalSeconds;

        var atSkew = await kit.VerifyAsync(kit.Compact("{\"nbf\":" + (kit.NowSeconds + skew) + "}"));
        var future = await kit.VerifyAsync(kit.Compact("{\"nbf\":" + (kit.NowSeconds + skew + 1) + "}"));

        Assert.True(atSkew.IsValid, atSkew.Error?.ToString());
        Assert.Equal(SdJwtErrors.NotYetValid, future.Error!.Code);
        Assert.Equal(VerificationFailureKind.NotYetValid, future.Error.Kind);
    }

    [Fact]
    public async Task Verify_IssuedAtBeyondSkewInFuture_FailsWithIssuedInFuture()
    {
        using var kit = new SdJwtTestKit();
        var skew = (long)kit.Options().ClockSkew.TotalSeconds;

        var atSkew = await kit.VerifyAsync(kit.Compact("{\"iat\":" + (kit.NowSeconds + skew) + "}"));
        var future = await kit.VerifyAsync(kit.Compact("{\"iat\":" + (kit.NowSeconds + skew + 1) + "}"));

        Assert.True(atSkew.IsValid, atSkew.Error?.ToString());
        Assert.Equal(SdJwtErrors.IssuedInFuture, future.Error!.Code);
    }

    [Fact]
    public async Task Verify_ZeroSkew_IsHonouredAtTheBoundary()
    {
        using var kit = new SdJwtTestKit();
        var options = kit.Options() with { ClockSkew = TimeSpan.Zero };

        var expiresNow = await kit.VerifyAsync(kit.Compact("{\"exp\":" + kit.NowSeconds + "}"), options: options);
        var expiresNext = await kit.VerifyAsync(kit.Compact("{\"exp\":" + (kit.NowSeconds + 1) + "}"), options: options);
        var validFromNow = await kit.VerifyAsync(kit.Compact("{\"nbf\":" + kit.NowSeconds + "}"), options: options);

        Assert.Equal(SdJwtErrors.Expired, expiresNow.Error!.Code);
        Assert.True(expiresNext.IsValid);
        Assert.True(validFromNow.IsValid);
    }

    [Fact]
    public async Task Verify_ExpiredClaimInsideADisclosure_FailsWithExpired()
    {
        // RFC 9901 section 7.1 step 6: validity claims are checked in the processed payload.
        using var kit = new SdJwtTestKit();
        var exp = Encode("[\"salt\",\"exp\"," + (kit.NowSeconds - 3600) + "]");

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[\"" + Digest(exp) + "\"]}", exp));

        Assert.Equal(SdJwtErrors.Expired, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_NeverDisclosableClaimInADisclosure_FailsWithForbiddenDisclosure()
    {
        using var kit = new SdJwtTestKit();
        var exp = Encode("[\"salt\",\"exp\"," + (kit.NowSeconds + 3600) + "]");
        var options = kit.Options() with { NeverDisclosableClaims = ["exp", "iss"] };

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[\"" + Digest(exp) + "\"]}", exp), options: options);

        Assert.Equal(SdJwtErrors.ForbiddenDisclosure, result.Error!.Code);
    }

    [Theory]
    [InlineData("{\"exp\":\"tomorrow\"}")]
    [InlineData("{\"nbf\":true}")]
    [InlineData("{\"iat\":-1}")]
    [InlineData("{\"exp\":1e300}")]
    public async Task Verify_NonNumericOrInsaneTimeClaim_FailsWithInvalidTimeClaim(string payload)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact(payload));

        Assert.Equal(SdJwtErrors.InvalidTimeClaim, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_InvalidStringsInUnverifiedIssuerPayload_FailWithoutThrowing()
    {
        // The unverified 'iss' is read before the signature check to find the key; it must not throw.
        using var kit = new SdJwtTestKit();
        var rawInvalidUtf8 = Encode("{\"alg\":\"EdDSA\"}") + "." + System.Buffers.Text.Base64Url.EncodeToString([.. "{\"iss\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]) + ".AAAA~";
        var loneSurrogate = Encode("{\"alg\":\"EdDSA\"}") + "." + Encode("{\"iss\":\"\\ud800\"}") + ".AAAA~";

        var first = await kit.VerifyAsync(rawInvalidUtf8);
        var second = await kit.VerifyAsync(loneSurrogate);

        Assert.Equal(JoseErrors.InvalidJson, first.Error!.Code);
        Assert.Equal(JoseErrors.InvalidJson, second.Error!.Code);
    }

    [Fact]
    public async Task Verify_DisclosureWithLoneSurrogateAppendedToValidSdJwt_FailsWithoutThrowing()
    {
        using var kit = new SdJwtTestKit();
        var appended = Encode("[\"\\ud800\",\"a\",1]");

        var result = await kit.VerifyAsync(kit.Compact(Payload, appended));

        Assert.Equal(SdJwtErrors.InvalidDisclosure, result.Error!.Code);
    }

    [Theory]
    [InlineData("sha-384")]
    [InlineData("sha-512")]
    public async Task IssueVerify_Sha384AndSha512_Verify(string name)
    {
        SdHashAlgorithm.TryGet(name, out var algorithm);
        using var kit = new SdJwtTestKit();
        var issuer = new SdJwtIssuer(kit.IssuerKey, options: new SdJwtIssuerOptions { HashAlgorithm = algorithm! });
        var issued = await issuer.IssueAsync(SdJwtPayload.Create().Disclosable("a", 1).Object("o", o => o.Disclosable("b", 2)).Decoys(1), kit.HolderKey.PublicJwk);
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = kit.Clock });
        var presented = await holder.PresentAsync(issued, [ClaimPath.Of("a"), ClaimPath.Of("o", "b")], new KeyBindingInput(Audience, Nonce), kit.HolderKey);

        var result = await kit.VerifyAsync(presented.Value.Serialize(), KeyBindingRequirement.Required(Audience, Nonce));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(1, result.Value.Claims.GetProperty("a").GetInt32());
        Assert.Equal(2, result.Value.Claims.GetProperty("o").GetProperty("b").GetInt32());
        var payload = Jws.ReadCompact(issued.IssuerSignedJwt).Value.ParsePayload().Value;
        Assert.Equal(name, payload.GetProperty("_sd_alg").GetString());
        Assert.All(payload.GetProperty("_sd").EnumerateArray(), d => Assert.Equal(algorithm!.HashSize, System.Buffers.Text.Base64Url.DecodeFromChars(d.GetString()).Length));
    }

    [Fact]
    public async Task Verify_TrailingTildeMissingWithoutKeyBinding_TreatsLastPartAsKbJwt()
    {
        // RFC 9901 section 4: without a KB-JWT the last component is empty; otherwise it is a KB-JWT.
        using var kit = new SdJwtTestKit();
        var disclosure = Encode("[\"salt\",\"a\",1]");
        var withoutTilde = kit.SignPayload("{\"_sd\":[\"" + Digest(disclosure) + "\"]}") + "~" + disclosure;

        var result = await kit.VerifyAsync(withoutTilde);

        Assert.Equal(KeyBindingErrors.Unexpected, result.Error!.Code);
    }

    [Fact]
    public void Constructor_NoAllowedAlgorithmsOrNegativeSkew_Throws()
    {
        using var kit = new SdJwtTestKit();
        var resolver = new StaticIssuerKeyResolver(kit.IssuerKey.PublicJwk);

        Assert.Throws<ArgumentException>(() => new SdJwtVerifier(resolver, options: kit.Options() with { AllowedAlgorithms = [] }));
        Assert.Throws<ArgumentException>(() => new SdJwtVerifier(resolver, options: kit.Options() with { AllowedKeyBindingAlgorithms = [] }));
        Assert.Throws<ArgumentException>(() => new SdJwtVerifier(resolver, options: kit.Options() with { ClockSkew = TimeSpan.FromSeconds(-1) }));
    }
}
