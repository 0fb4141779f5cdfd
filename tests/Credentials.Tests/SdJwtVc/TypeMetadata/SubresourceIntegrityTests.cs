using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.SdJwtVc.TypeMetadata.Resolution;
using Xunit;

namespace Credentials.Tests.SdJwtVc.TypeMetadata;

public sealed class SubresourceIntegrityTests
{
    private static readonly byte[] s_document = Encoding.UTF8.GetBytes("""{"vct":"urn:example:sri","name":"SRI テスト"}""");

    private static string Sri(string alg, byte[] digest) => alg + "-" + Convert.ToBase64String(digest);

    [Theory]
    [InlineData(IntegrityAlgorithm.Sha256, "sha256-", 32)]
    [InlineData(IntegrityAlgorithm.Sha384, "sha384-", 48)]
    [InlineData(IntegrityAlgorithm.Sha512, "sha512-", 64)]
    public void Compute_EachAlgorithm_MatchesBclDigest(IntegrityAlgorithm algorithm, string prefix, int length)
    {
        var value = SubresourceIntegrity.Compute(s_document, algorithm);

        Assert.StartsWith(prefix, value);
        var digest = Convert.FromBase64String(value[prefix.Length..]);
        Assert.Equal(length, digest.Length);
        var expected = algorithm switch
        {
            IntegrityAlgorithm.Sha256 => SHA256.HashData(s_document),
            IntegrityAlgorithm.Sha384 => SHA384.HashData(s_document),
            _ => SHA512.HashData(s_document),
        };
        Assert.Equal(expected, digest);
        Assert.True(SubresourceIntegrity.Verify(s_document, value));
    }

    [Fact]
    public void Compute_KnownVector_EmptyInput()
    {
        // SHA-256 of the empty string, base64 (FIPS 180-4 test value 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=).
        Assert.Equal("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", SubresourceIntegrity.Compute([], IntegrityAlgorithm.Sha256));
    }

    [Fact]
    public void Verify_WrongDigest_IsMismatch()
    {
        var wrong = SHA256.HashData(Encoding.UTF8.GetBytes("other"));

        var error = SubresourceIntegrity.Check(s_document, Sri("sha256", wrong));

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, error!.Code);
        Assert.False(SubresourceIntegrity.Verify(s_document, Sri("sha256", wrong)));
    }

    [Fact]
    public void Verify_OneByteChanged_IsMismatch()
    {
        var integrity = SubresourceIntegrity.Compute(s_document);
        var changed = (byte[])s_document.Clone();
        changed[^2] ^= 1;

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, SubresourceIntegrity.Check(changed, integrity)!.Code);
    }

    [Fact]
    public void Verify_MultipleHashesSameAlgorithm_AnyMatchWins()
    {
        var wrong = SHA384.HashData(Encoding.UTF8.GetBytes("old version"));
        var integrity = Sri("sha384", wrong) + " " + SubresourceIntegrity.Compute(s_document, IntegrityAlgorithm.Sha384);

        Assert.Null(SubresourceIntegrity.Check(s_document, integrity));
    }

    [Fact]
    public void Verify_StrongestAlgorithmWins_WeakerMatchIgnored()
    {
        // sha256 matches, but sha512 is the strongest present and does not: rejected.
        var wrong512 = SHA512.HashData(Encoding.UTF8.GetBytes("other"));
        var integrity = SubresourceIntegrity.Compute(s_document, IntegrityAlgorithm.Sha256) + " " + Sri("sha512", wrong512);

        Assert.Equal(TypeMetadataErrors.IntegrityMismatch, SubresourceIntegrity.Check(s_document, integrity)!.Code);
    }

    [Fact]
    public void Verify_StrongestAlgorithmMatches_WeakerMismatchIgnored()
    {
        var wrong256 = SHA256.HashData(Encoding.UTF8.GetBytes("other"));
        var integrity = Sri("sha256", wrong256) + "\t" + SubresourceIntegrity.Compute(s_document, IntegrityAlgorithm.Sha512);

        Assert.Null(SubresourceIntegrity.Check(s_document, integrity));
    }

    [Fact]
    public void Verify_UnknownAlgorithmsIgnored_SupportedOneUsed()
    {
        var integrity = "md5-AAAAAAAAAAAAAAAAAAAAAA== sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SubresourceIntegrity.Compute(s_document);

        Assert.Null(SubresourceIntegrity.Check(s_document, integrity));
    }

    [Fact]
    public void Verify_OptionExpressionAndMissingPadding_Accepted()
    {
        var value = SubresourceIntegrity.Compute(s_document).TrimEnd('=') + "?ct=application/json";

        Assert.True(SubresourceIntegrity.Verify(s_document, value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("md5-1B2M2Y8AsgTpgAmY7PhCfg==")]
    [InlineData("sha256")]
    [InlineData("sha256-")]
    [InlineData("sha256-***")]
    [InlineData("sha256-AAAA")]
    [InlineData("sha256_47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    public void Verify_NoSupportedExpression_IsIntegrityInvalid(string integrity)
    {
        Assert.Equal(TypeMetadataErrors.IntegrityInvalid, SubresourceIntegrity.Check(s_document, integrity)!.Code);
        Assert.False(SubresourceIntegrity.IsSupported(integrity));
        Assert.False(SubresourceIntegrity.Verify(s_document, integrity));
    }

    [Fact]
    public void Verify_Base64UrlAlphabet_IsNotAccepted()
    {
        // SRI uses standard base64; a base64url digest with '-' or '_' is not a valid expression.
        byte[] data = [];
        var standard = string.Empty;
        for (var i = 0; !standard.Contains('+') && !standard.Contains('/'); i++)
        {
            data = Encoding.UTF8.GetBytes("{\"vct\":\"urn:example:" + i + "\"}");
            standard = SubresourceIntegrity.Compute(data);
        }

        var url = standard.Replace('+', '-').Replace('/', '_');

        Assert.True(SubresourceIntegrity.Verify(data, standard));
        Assert.False(SubresourceIntegrity.Verify(data, url));
    }
}
