using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Tests.SdJwt.Verification;
using Credentials.Trust;
using Xunit;

namespace Credentials.Tests.Keys;

/// <summary>A JWK read where a public key belongs never carries private or symmetric members: it is refused, not trimmed.</summary>
public sealed class JwkPublicKeyMaterialTests
{
    public static TheoryData<string> PrivateMembers => ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [Theory]
    [MemberData(nameof(PrivateMembers))]
    public void ReadPublic_JwkWithPrivateOrSymmetricMember_FailsWithPrivateKeyMaterial(string member)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = WithMember(key.PublicJwk.ToJson(), member);

        var result = Jwk.ReadPublic(json);

        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error!.Code);
    }

    [Fact]
    public void ReadPublic_ExportedPrivateEd25519Jwk_FailsWithPrivateKeyMaterial()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var result = Jwk.ReadPublic(key.ExportPrivateJwk().ToJson());

        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error!.Code);
    }

    [Fact]
    public void ReadPublic_PublicJwk_Succeeds()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        var result = Jwk.ReadPublic(key.PublicJwk.ToJson());

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(key.PublicJwk, result.Value);
    }

    [Theory]
    [MemberData(nameof(PrivateMembers))]
    public async Task Verify_CnfJwkWithPrivateMember_FailsWithNoHolderKeyFromPrivateKeyMaterial(string member)
    {
        using var kit = new SdJwtTestKit();
        var cnf = "{\"jwk\":" + WithMember(kit.HolderKey.PublicJwk.ToJson(), member) + "}";
        var sdJwt = kit.Compact("{\"iss\":\"https://issuer.example\",\"cnf\":" + cnf + "}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.NoHolderKey, result.Error!.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error.Inner!.Code);
    }

    [Fact]
    public async Task Verify_CnfJwkIsTheHoldersPrivateKey_FailsWithNoHolderKey()
    {
        // The review's case: the holder's own private JWK in cnf.jwk verified with 'd' silently dropped.
        using var kit = new SdJwtTestKit();
        var sdJwt = kit.Compact("{\"cnf\":{\"jwk\":" + kit.HolderKey.ExportPrivateJwk().ToJson() + "}}");

        var result = await kit.VerifyAsync(sdJwt + kit.KeyBindingJwt(sdJwt), KeyBindingRequirement.Required(SdJwtTestKit.Audience, SdJwtTestKit.Nonce));

        Assert.Equal(KeyBindingErrors.NoHolderKey, result.Error!.Code);
        Assert.Equal(KeyErrors.PrivateKeyMaterial, result.Error.Inner!.Code);
    }

    [Theory]
    [MemberData(nameof(PrivateMembers))]
    public void TrustListParse_KeyWithPrivateMember_IsRefused(string member)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        var json = "{\"issuers\":[{\"issuer\":\"https://issuer.example\",\"keys\":[" + WithMember(key.PublicJwk.ToJson(), member) + "]}]}";

        Assert.Throws<FormatException>(() => TrustList.Parse(json));
    }

    [Fact]
    public void TrustList_ConstructedWithPrivateJwk_ThrowsArgumentException()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => new TrustList([new TrustedIssuer { Issuer = "https://issuer.example", Keys = ImmutableArray.Create(key.ExportPrivateJwk()) }]));
    }

    private static string WithMember(string jwkJson, string member)
    {
        // A value of the right shape for each member: a base64url string, or an array for 'oth'.
        var value = member == "oth" ? "[{\"r\":\"AQAB\",\"d\":\"AQAB\",\"t\":\"AQAB\"}]" : "\"AQAB\"";
        return jwkJson.Insert(1, "\"" + member + "\":" + value + ",");
    }
}
