using System;
using System.Buffers.Text;
using System.Linq;
using System.Security.Cryptography;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys;

public sealed class SigningKeyTests
{
    public static TheoryData<string> AllAlgorithms => new(JwsAlgorithm.All.Select(a => a.Name));

    public static TheoryData<string> EcdsaAlgorithms => ["ES256", "ES384", "ES256K"];

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void SignVerify_EachAlgorithm_VerifiesAndRejectsTampering(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm);
        using var other = SigningKey.Create(algorithm);
        var data = "header.payload"u8.ToArray();

        var signature = key.Sign(data);

        Assert.Equal(algorithm.SignatureSize, signature.Length);
        var verifier = key.GetVerificationKey();
        Assert.True(verifier.Verify(algorithm, data, signature));

        var tamperedData = data.ToArray();
        tamperedData[0] ^= 1;
        Assert.False(verifier.Verify(algorithm, tamperedData, signature));

        var tamperedSignature = signature.ToArray();
        tamperedSignature[^1] ^= 1;
        Assert.False(verifier.Verify(algorithm, data, tamperedSignature));

        Assert.False(other.GetVerificationKey().Verify(algorithm, data, signature));
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void CanVerify_OtherAlgorithms_OnlyForTheSameCurve(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm);
        var signature = key.Sign("x"u8);

        foreach (var candidate in JwsAlgorithm.All)
        {
            var sameCurve = candidate.Curve == algorithm.Curve;
            Assert.Equal(sameCurve, key.GetVerificationKey().CanVerify(candidate));
            if (!sameCurve)
            {
                Assert.False(key.GetVerificationKey().Verify(candidate, "x"u8, signature));
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task SignAsync_InMemoryKey_EqualsSynchronousEd25519Signature()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        var signature = await key.SignAsync("abc"u8.ToArray());

        Assert.Equal(key.Sign("abc"u8), signature);
    }

    [Theory]
    [MemberData(nameof(EcdsaAlgorithms))]
    public void Verify_WrongLengthSignature_ReturnsFalse(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm);
        var signature = key.Sign("x"u8);

        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, signature.AsSpan(0, signature.Length - 1)));
        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, [.. signature, 0]));
        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, []));
    }

    [Theory]
    [MemberData(nameof(EcdsaAlgorithms))]
    public void Verify_DerEncodedSignature_ReturnsFalse(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm);
        using var ecdsa = ImportEcdsa(key);
        var data = "x"u8.ToArray();
        var hash = algorithm.SignatureSize == 96 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

        var der = ecdsa.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(ecdsa.VerifyData(data, der, hash, DSASignatureFormat.Rfc3279DerSequence)); // a genuine signature...
        Assert.False(key.GetVerificationKey().Verify(algorithm, data, der)); // ...but JOSE wants r||s
    }

    [Theory]
    [MemberData(nameof(EcdsaAlgorithms))]
    public void Verify_AllZeroOrZeroHalfSignature_ReturnsFalse(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm);
        var valid = key.Sign("x"u8);
        var half = valid.Length / 2;
        var zeroR = valid.ToArray();
        Array.Clear(zeroR, 0, half);
        var zeroS = valid.ToArray();
        Array.Clear(zeroS, half, half);

        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, new byte[valid.Length]));
        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, zeroR));
        Assert.False(key.GetVerificationKey().Verify(algorithm, "x"u8, zeroS));
    }

    [Fact]
    public void Verify_AllZeroEd25519Signature_ReturnsFalse()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.False(key.GetVerificationKey().Verify(JwsAlgorithm.EdDsa, "x"u8, new byte[64]));
    }

    [Fact]
    public void FromJwk_Ed25519WithMismatchedX_Throws()
    {
        using var a = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var b = SigningKey.Create(JwsAlgorithm.EdDsa);
        var mismatched = a.ExportPrivateJwk() with { X = b.PublicJwk.X };

        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(mismatched));
    }

    [Theory]
    [MemberData(nameof(EcdsaAlgorithms))]
    public void FromJwk_EcWithMismatchedPublicPoint_Throws(string name)
    {
        using var a = SigningKey.Create(Algorithm(name));
        using var b = SigningKey.Create(Algorithm(name));
        var mismatched = a.ExportPrivateJwk() with { X = b.PublicJwk.X, Y = b.PublicJwk.Y };

        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(mismatched));
    }

    [Fact]
    public void FromJwk_PublicOnlyOrWrongAlgorithm_Throws()
    {
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var p256 = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(ed.PublicJwk));
        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(ed.ExportPrivateJwk(), JwsAlgorithm.Es256));
        Assert.Throws<ArgumentException>(() => SigningKey.FromJwk(p256.ExportPrivateJwk(), JwsAlgorithm.Es384));
    }

    [Fact]
    public void FromJwk_Ed25519WithFullySpecifiedAlgorithm_SignsAsEd25519()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);

        using var imported = SigningKey.FromJwk(key.ExportPrivateJwk() with { Alg = "Ed25519" });

        Assert.Same(JwsAlgorithm.Ed25519, imported.Algorithm);
    }

    [Fact]
    public void Sign_WrongDestinationSize_Throws()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => key.Sign("x"u8, new byte[63]));
    }

    [Fact]
    public void ToString_SigningKey_ContainsNoKeyMaterial()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "k");
        var d = key.ExportPrivateJwk().D!;

        Assert.DoesNotContain(d, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(d, key.ExportPrivateJwk().ToString(), StringComparison.Ordinal);
    }

    private static ECDsa ImportEcdsa(SigningKey key)
    {
        var jwk = key.ExportPrivateJwk();
        var curve = jwk.Crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.CreateFromValue("1.3.132.0.10"),
        };
        return ECDsa.Create(new ECParameters
        {
            Curve = curve,
            D = Base64Url.DecodeFromChars(jwk.D),
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });
    }

    private static JwsAlgorithm Algorithm(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        return algorithm;
    }
}
