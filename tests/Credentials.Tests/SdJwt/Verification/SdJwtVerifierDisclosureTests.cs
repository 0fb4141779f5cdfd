using System.Linq;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Xunit;
using static Credentials.Tests.SdJwt.Verification.SdJwtTestKit;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>RFC 9901 section 7.1 steps 3 to 5, with a valid issuer signature so only the disclosure rule is violated.</summary>
public sealed class SdJwtVerifierDisclosureTests
{
    private static readonly string s_givenName = Encode("[\"2GLC42sKQveCfGfryNRN9w\",\"given_name\",\"John\"]");
    private static readonly string s_familyName = Encode("[\"eluV5Og3gSNII8EYnsxA_A\",\"family_name\",\"Doe\"]");
    private static readonly string s_nationalityDe = Encode("[\"nPuoQnkRFq3BIeAm7AnXFA\",\"DE\"]");

    [Fact]
    public async Task Verify_HandCraftedValidSdJwt_Succeeds()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"iss\":\"https://issuer.example\",\"_sd\":[" + Quoted(Digest(s_givenName), Digest(s_familyName)) + "],"
            + "\"nationalities\":[{\"...\":\"" + Digest(s_nationalityDe) + "\"},\"FR\"],\"_sd_alg\":\"sha-256\"}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName, s_nationalityDe));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("John", result.Value.Claims.GetProperty("given_name").GetString());
        Assert.False(result.Value.Claims.TryGetProperty("family_name", out _));
        Assert.False(result.Value.Claims.TryGetProperty("_sd", out _));
        Assert.False(result.Value.Claims.TryGetProperty("_sd_alg", out _));
        Assert.Equal("[\"DE\",\"FR\"]", result.Value.Claims.GetProperty("nationalities").GetRawText());
    }

    [Fact]
    public async Task Verify_DisclosureMatchingNoDigest_FailsWithUnreferencedDisclosure()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName, s_familyName));

        AssertDisclosureError(result, SdJwtErrors.UnreferencedDisclosure);
    }

    [Fact]
    public async Task Verify_DisclosureValueChanged_FailsWithUnreferencedDisclosure()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName)) + "]}";
        var forged = Encode("[\"2GLC42sKQveCfGfryNRN9w\",\"given_name\",\"Mallory\"]");

        var result = await kit.VerifyAsync(kit.Compact(payload, forged));

        AssertDisclosureError(result, SdJwtErrors.UnreferencedDisclosure);
    }

    [Fact]
    public async Task Verify_NestedDisclosureWithoutItsParent_FailsWithUnreferencedDisclosure()
    {
        using var kit = new SdJwtTestKit();
        var country = Encode("[\"s1\",\"country\",\"DE\"]");
        var address = Encode("[\"s2\",\"address\",{\"_sd\":[\"" + Digest(country) + "\"]}]");
        var payload = "{\"_sd\":[" + Quoted(Digest(address)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, country));

        AssertDisclosureError(result, SdJwtErrors.UnreferencedDisclosure);
    }

    [Fact]
    public async Task Verify_SameDisclosureTwice_FailsWithDuplicateDisclosure()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName, s_givenName));

        AssertDisclosureError(result, SdJwtErrors.DuplicateDisclosure);
    }

    [Fact]
    public async Task Verify_SameDigestTwiceInSd_FailsWithDuplicateDigest()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName), Digest(s_givenName)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName));

        AssertDisclosureError(result, SdJwtErrors.DuplicateDigest);
    }

    [Fact]
    public async Task Verify_SameUndisclosedDigestTwice_FailsWithDuplicateDigest()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_familyName)) + "],\"address\":{\"_sd\":[" + Quoted(Digest(s_familyName)) + "]}}";

        var result = await kit.VerifyAsync(kit.Compact(payload));

        AssertDisclosureError(result, SdJwtErrors.DuplicateDigest);
    }

    [Fact]
    public async Task Verify_DigestAtTopLevelAndInsideNestedDisclosure_FailsWithDuplicateDigest()
    {
        using var kit = new SdJwtTestKit();
        var country = Encode("[\"s1\",\"country\",\"DE\"]");
        var address = Encode("[\"s2\",\"address\",{\"_sd\":[\"" + Digest(country) + "\"]}]");
        var payload = "{\"_sd\":[" + Quoted(Digest(address), Digest(country)) + "]}";

        var withCountry = await kit.VerifyAsync(kit.Compact(payload, address, country));
        var withoutCountry = await kit.VerifyAsync(kit.Compact(payload, address));

        AssertDisclosureError(withCountry, SdJwtErrors.DuplicateDigest);
        AssertDisclosureError(withoutCountry, SdJwtErrors.DuplicateDigest);
    }

    [Fact]
    public async Task Verify_SameArrayElementDigestTwice_FailsWithDuplicateDigest()
    {
        using var kit = new SdJwtTestKit();
        var d = Digest(s_nationalityDe);
        var payload = "{\"nationalities\":[{\"...\":\"" + d + "\"},{\"...\":\"" + d + "\"}]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_nationalityDe));

        AssertDisclosureError(result, SdJwtErrors.DuplicateDigest);
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    public async Task Verify_DisclosureWithReservedName_FailsWithReservedClaimName(string name)
    {
        using var kit = new SdJwtTestKit();
        var reserved = Encode("[\"salt\",\"" + name + "\",[\"x\"]]");
        var payload = "{\"_sd\":[" + Quoted(Digest(reserved)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, reserved));

        AssertDisclosureError(result, SdJwtErrors.ReservedClaimName);
    }

    [Fact]
    public async Task Verify_DisclosedNameCollidingWithPlaintextClaim_FailsWithClaimCollision()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"given_name\":\"Alice\",\"_sd\":[" + Quoted(Digest(s_givenName)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName));

        AssertDisclosureError(result, SdJwtErrors.ClaimCollision);
    }

    [Fact]
    public async Task Verify_TwoDisclosuresWithTheSameNameAtOneLevel_FailsWithClaimCollision()
    {
        using var kit = new SdJwtTestKit();
        var other = Encode("[\"another-salt\",\"given_name\",\"Mallory\"]");
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName), Digest(other)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName, other));

        AssertDisclosureError(result, SdJwtErrors.ClaimCollision);
    }

    [Fact]
    public async Task Verify_DisclosedNameCollidingInsideNestedObject_FailsWithClaimCollision()
    {
        using var kit = new SdJwtTestKit();
        var country = Encode("[\"s1\",\"country\",\"DE\"]");
        var payload = "{\"address\":{\"country\":\"FR\",\"_sd\":[" + Quoted(Digest(country)) + "]}}";

        var result = await kit.VerifyAsync(kit.Compact(payload, country));

        AssertDisclosureError(result, SdJwtErrors.ClaimCollision);
    }

    [Fact]
    public async Task Verify_SameNameAtDifferentLevels_IsNoCollision()
    {
        using var kit = new SdJwtTestKit();
        var country = Encode("[\"s1\",\"country\",\"DE\"]");
        var payload = "{\"country\":\"FR\",\"address\":{\"_sd\":[" + Quoted(Digest(country)) + "]}}";

        var result = await kit.VerifyAsync(kit.Compact(payload, country));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("DE", result.Value.Claims.GetProperty("address").GetProperty("country").GetString());
    }

    [Fact]
    public async Task Verify_ArrayElementDisclosureReferencedFromSd_FailsWithDisclosureTypeMismatch()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_nationalityDe)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_nationalityDe));

        AssertDisclosureError(result, SdJwtErrors.DisclosureTypeMismatch);
    }

    [Fact]
    public async Task Verify_PropertyDisclosureReferencedFromArrayElement_FailsWithDisclosureTypeMismatch()
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"nationalities\":[{\"...\":\"" + Digest(s_givenName) + "\"}]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName));

        AssertDisclosureError(result, SdJwtErrors.DisclosureTypeMismatch);
    }

    [Theory]
    [InlineData("\"_sd\":\"abc\"")]
    [InlineData("\"_sd\":{}")]
    [InlineData("\"_sd\":[1]")]
    [InlineData("\"_sd\":[null]")]
    [InlineData("\"nested\":{\"_sd\":[true]}")]
    [InlineData("\"list\":[{\"...\":5}]")]
    public async Task Verify_MalformedSdOrArrayDigest_FailsWithInvalidSdClaim(string member)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{" + member + "}"));

        AssertDisclosureError(result, SdJwtErrors.InvalidSdClaim);
    }

    [Fact]
    public async Task Verify_ArrayElementObjectWithMoreThanTheEllipsisKey_FailsWithInvalidSdClaim()
    {
        // RFC 9901 section 4.2.4.2: an array element digest is an object with the single key "...".
        using var kit = new SdJwtTestKit();
        var payload = "{\"list\":[{\"...\":\"" + Digest(s_nationalityDe) + "\",\"x\":1}]}";

        var result = await kit.VerifyAsync(kit.Compact(payload));

        Assert.Equal(SdJwtErrors.InvalidSdClaim, result.Error!.Code);
    }

    public static TheoryData<string> EllipsisObjectsWithExtraMembers => new()
    {
        // The digest disclosed, withheld (a decoy), a non-string digest, extra member first, nested inside a disclosed value.
        "{\"list\":[{\"x\":1,\"...\":\"" + Digest(s_nationalityDe) + "\"}]}",
        "{\"list\":[{\"...\":\"" + Digest(s_nationalityDe) + "\",\"_sd\":[]}]}",
        "{\"list\":[{\"...\":42,\"x\":1}]}",
        "{\"outer\":{\"list\":[{\"...\":\"bm90LWEtZGlnZXN0\",\"...x\":1}]}}",
    };

    [Theory]
    [MemberData(nameof(EllipsisObjectsWithExtraMembers))]
    public async Task Verify_EllipsisObjectWithExtraMembersAnywhere_FailsWithInvalidSdClaim(string payload)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact(payload, s_nationalityDe));

        Assert.Equal(SdJwtErrors.InvalidSdClaim, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_EllipsisObjectWithExtraMembersInsideDisclosedValue_FailsWithInvalidSdClaim()
    {
        using var kit = new SdJwtTestKit();
        var disclosure = Encode("[\"salt-e\",\"list\",[{\"...\":\"bm90LWEtZGlnZXN0\",\"y\":2}]]");

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(disclosure)) + "]}", disclosure));

        Assert.Equal(SdJwtErrors.InvalidSdClaim, result.Error!.Code);
    }

    [Theory]
    [InlineData("\"md5\"")]
    [InlineData("\"SHA-256\"")]
    [InlineData("\"sha-256-32\"")]
    [InlineData("256")]
    [InlineData("null")]
    [InlineData("[\"sha-256\"]")]
    public async Task Verify_UnknownOrNonStringSdAlg_FailsWithUnsupportedHashAlgorithm(string alg)
    {
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName)) + "],\"_sd_alg\":" + alg + "}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName));

        Assert.False(result.IsValid);
        Assert.Equal(SdJwtErrors.UnsupportedHashAlgorithm, result.Error.Code);
        Assert.Equal(VerificationFailureKind.UnsupportedAlgorithm, result.Error.Kind);
    }

    [Fact]
    public async Task Verify_HashAlgorithmNotAllowedByVerifier_FailsWithUnsupportedHashAlgorithm()
    {
        using var kit = new SdJwtTestKit();
        var disclosure = Encode("[\"salt\",\"a\",1]");
        var payload = "{\"_sd\":[\"" + SdHashAlgorithm.Sha512.ComputeDigest(disclosure) + "\"],\"_sd_alg\":\"sha-512\"}";
        var options = kit.Options() with { AllowedHashAlgorithms = [SdHashAlgorithm.Sha256] };

        var result = await kit.VerifyAsync(kit.Compact(payload, disclosure), options: options);

        Assert.Equal(SdJwtErrors.UnsupportedHashAlgorithm, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_SdAlgInsideNestedObject_FailsWithMisplacedSdAlg()
    {
        // RFC 9901 section 4.1.1 allows _sd_alg only at the top level; nested it is malformed, not a claim to pass on.
        using var kit = new SdJwtTestKit();
        var payload = "{\"_sd\":[" + Quoted(Digest(s_givenName)) + "],\"nested\":{\"_sd_alg\":\"md5\"}}";

        var result = await kit.VerifyAsync(kit.Compact(payload, s_givenName));

        Assert.Equal(SdJwtErrors.MisplacedSdAlg, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_SdAlgInsideArrayElementObject_FailsWithMisplacedSdAlg()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"list\":[{\"_sd_alg\":\"sha-256\"}]}"));

        Assert.Equal(SdJwtErrors.MisplacedSdAlg, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_SdAlgInsideDisclosedObjectValue_FailsWithMisplacedSdAlg()
    {
        using var kit = new SdJwtTestKit();
        var disclosure = Encode("[\"salt-a\",\"address\",{\"_sd_alg\":\"sha-256\",\"city\":\"Tokyo\"}]");

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(disclosure)) + "]}", disclosure));

        Assert.Equal(SdJwtErrors.MisplacedSdAlg, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_DisclosureNamedSdAlg_FailsWithMisplacedSdAlg()
    {
        using var kit = new SdJwtTestKit();
        var disclosure = Encode("[\"salt-b\",\"_sd_alg\",\"sha-256\"]");

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(disclosure)) + "]}", disclosure));

        Assert.Equal(SdJwtErrors.MisplacedSdAlg, result.Error!.Code);
    }

    [Fact]
    public async Task Verify_NoSdAlg_DefaultsToSha256()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"_sd\":[" + Quoted(Digest(s_givenName)) + "]}", s_givenName));

        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task Verify_NonCanonicalBase64UrlDisclosure_FailsWithInvalidDisclosure()
    {
        using var kit = new SdJwtTestKit();
        // 38 characters: the last one carries 4 unused bits; set one of them. The digest is over the received string.
        var canonical = Encode("[\"salt\",\"given_name\",\"John\"]");
        Assert.Equal(2, canonical.Length % 4);
        var nonCanonical = canonical[..^1] + (char)(canonical[^1] + 1);
        var payload = "{\"_sd\":[" + Quoted(Digest(nonCanonical)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, nonCanonical));

        AssertDisclosureError(result, SdJwtErrors.InvalidDisclosure);
    }

    [Theory]
    [InlineData("[\"salt\"]")]
    [InlineData("[\"salt\",\"name\",\"value\",\"extra\"]")]
    [InlineData("[]")]
    [InlineData("[1,\"name\",\"value\"]")]
    [InlineData("[null,\"value\"]")]
    [InlineData("[\"salt\",2,\"value\"]")]
    [InlineData("{\"salt\":\"name\"}")]
    [InlineData("\"salt\"")]
    [InlineData("[\"salt\",\"name\",\"value\"")]
    [InlineData("[\"salt\",\"name\",{\"a\":1,\"a\":2}]")]
    [InlineData("[\"\\ud800\",\"name\",\"value\"]")]
    public async Task Verify_MalformedDisclosureEvenWhenReferenced_FailsWithInvalidDisclosure(string json)
    {
        using var kit = new SdJwtTestKit();
        var disclosure = Encode(json);
        var payload = "{\"_sd\":[" + Quoted(Digest(disclosure)) + "]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, disclosure));

        AssertDisclosureError(result, SdJwtErrors.InvalidDisclosure);
    }

    [Theory]
    [InlineData("WyJzYWx0IiwiYSIsMV0=")]
    [InlineData("WyJzYWx0Ii wiYSIsMV0")]
    [InlineData("WyJzYWx0IiwiYSIsMV0+")]
    public async Task Verify_DisclosureNotBase64Url_FailsWithInvalidDisclosure(string disclosure)
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"a\":1}", disclosure));

        AssertDisclosureError(result, SdJwtErrors.InvalidDisclosure);
    }

    [Fact]
    public async Task Verify_DisclosureEncodingVariants_HashTheReceivedStringNotAReserialization()
    {
        // RFC 9901 section 4.2.1: three encodings of the same claim; only the one whose digest was signed verifies.
        using var kit = new SdJwtTestKit();
        const string Signed = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
        const string Escaped = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNXHUwMGY2Yml1cyJd";
        const string Compact = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Yml1cyJd";
        Assert.Equal("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0", Digest(Signed));
        var payload = "{\"given_name\":\"Alice\",\"_sd\":[\"X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0\"]}";

        var ok = await kit.VerifyAsync(kit.Compact(payload, Signed));
        var escaped = await kit.VerifyAsync(kit.Compact(payload, Escaped));
        var compact = await kit.VerifyAsync(kit.Compact(payload, Compact));

        Assert.True(ok.IsValid, ok.Error?.ToString());
        Assert.Equal("Möbius", ok.Value.Claims.GetProperty("family_name").GetString());
        AssertDisclosureError(escaped, SdJwtErrors.UnreferencedDisclosure);
        AssertDisclosureError(compact, SdJwtErrors.UnreferencedDisclosure);
    }

    [Fact]
    public async Task Verify_EmptySdArray_YieldsNoExtraClaims()
    {
        using var kit = new SdJwtTestKit();

        var result = await kit.VerifyAsync(kit.Compact("{\"a\":{\"_sd\":[]},\"_sd\":[]}"));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal("{\"a\":{}}", result.Value.Claims.GetRawText());
    }

    [Fact]
    public async Task Verify_DisclosedPaths_ListEachDisclosureWhereItWasPlaced()
    {
        using var kit = new SdJwtTestKit();
        var country = Encode("[\"s1\",\"country\",\"DE\"]");
        var address = Encode("[\"s2\",\"address\",{\"_sd\":[\"" + Digest(country) + "\"]}]");
        var payload = "{\"_sd\":[" + Quoted(Digest(address)) + "],\"nationalities\":[\"FR\",{\"...\":\"" + Digest(s_nationalityDe) + "\"}]}";

        var result = await kit.VerifyAsync(kit.Compact(payload, country, s_nationalityDe, address));

        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(
            new[] { "[\"address\",\"country\"]", "[\"nationalities\",1]", "[\"address\"]" },
            result.Value.DisclosedPaths.Select(p => p.ToString()));
    }

    private static void AssertDisclosureError(VerificationResult<VerifiedSdJwt> result, ErrorCode code)
    {
        Assert.False(result.IsValid, "expected " + code);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(VerificationFailureKind.InvalidDisclosure, result.Error.Kind);
    }
}
