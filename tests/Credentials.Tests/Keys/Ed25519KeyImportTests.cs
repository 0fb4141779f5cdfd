using System;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Tests.SdJwt.Verification;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Keys;

/// <summary>
/// RFC 8032 section 5.1.3: Ed25519 public keys of small order, or not canonically encoded, are refused when imported
/// from a JWK (as did:key already refuses them), not only when a signature is checked.
/// </summary>
public sealed class Ed25519KeyImportTests
{
    public static TheoryData<string> SmallOrderPoints =>
    [
        "0100000000000000000000000000000000000000000000000000000000000000", // the identity (order 1)
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = -1 (order 2)
        "0000000000000000000000000000000000000000000000000000000000000000", // y = 0 (order 4)
        "0000000000000000000000000000000000000000000000000000000000000080", // y = 0, other sign (order 4)
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
    ];

    public static TheoryData<string> NonCanonicalPoints =>
    [
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p (that is 0)
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1 (that is 1)
        "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 3, a point on the curve
        "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // the same with the sign bit set
    ];

    [Theory]
    [MemberData(nameof(SmallOrderPoints))]
    [MemberData(nameof(NonCanonicalPoints))]
    public void FromJwk_SmallOrderOrNonCanonicalEd25519Key_FailsWithInvalidJwk(string hex)
    {
        var result = VerificationKey.FromJwk(Key(hex));

        Assert.Equal(KeyErrors.InvalidJwk, result.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(SmallOrderPoints))]
    [MemberData(nameof(NonCanonicalPoints))]
    public void StaticIssuerKeyResolver_SmallOrderOrNonCanonicalEd25519Key_ThrowsArgumentException(string hex)
        => Assert.Throws<ArgumentException>(() => new StaticIssuerKeyResolver(Key(hex)));

    [Theory]
    [MemberData(nameof(SmallOrderPoints))]
    public async Task Verify_CnfJwkOfSmallOrder_FailsWithNoHolderKey(string hex)
    {
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.Compact("{\"cnf\":{\"jwk\":" + Key(hex).ToJson() + "}}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.NoHolderKey, result.Error!.Code);
        Assert.Equal(KeyErrors.InvalidJwk, result.Error.Inner!.Code);
    }

    [Fact]
    public void FromJwk_GeneratedEd25519Keys_AreAccepted()
    {
        for (var i = 0; i < 32; i++)
        {
            using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
            var result = VerificationKey.FromJwk(key.PublicJwk);
            Assert.True(result.IsValid, result.Error?.ToString());
            result.Value.Dispose();
        }
    }

    private static Jwk Key(string hex)
        => new() { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = Credentials.Internal.StrictBase64Url.Encode(Convert.FromHexString(hex)) };
}
