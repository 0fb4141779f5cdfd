using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using CsCheck;
using Xunit;

namespace Credentials.Tests.Keys.Kms;

/// <summary>
/// Property tests (CsCheck, fixed seeds): the two encodings are inverse, and what a DER-answering key service signs
/// becomes a JWS the library's verifier accepts.
/// </summary>
public sealed class EcdsaSignatureEncodingPropertyTests
{
    // One half of r||s: random bytes behind a random run of leading zeros (short integers), never all zero.
    private static Gen<byte[]> GenHalf(int size) =>
        Gen.Select(Gen.Int[0, size - 1], Gen.Byte.Array[size], (zeros, bytes) =>
        {
            bytes.AsSpan(0, zeros).Clear();
            bytes[^1] |= 1;
            return bytes;
        });

    private static Gen<byte[]> GenJose(int size) => Gen.Select(GenHalf(size), GenHalf(size), (r, s) => (byte[])[.. r, .. s]);

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES256K")]
    public void DerToJose_OfJoseToDer_IsTheIdentity(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        RunSeeded(GenJose(algorithm.SignatureSize / 2), 300, jose =>
        {
            var der = EcdsaSignatureEncoding.JoseToDer(jose);
            Assert.Equal(jose, EcdsaSignatureEncoding.DerToJose(der, algorithm));
        });
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public void JoseToDer_IsWhatThePlatformAccepts(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        using var ecdsa = ECDsa.Create(Curve(algorithm));
        var hash = Hash(algorithm);
        RunSeeded(Gen.Byte.Array[0, 200], 40, data =>
        {
            var jose = ecdsa.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var der = EcdsaSignatureEncoding.JoseToDer(jose);
            Assert.True(ecdsa.VerifyData(data, der, hash, DSASignatureFormat.Rfc3279DerSequence));
        });
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public void DerSignedJws_VerifiesWithTheLibrarysVerifier(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        using var ecdsa = ECDsa.Create(Curve(algorithm));
        var signer = new DerSignatureSigner(ecdsa, algorithm, Hash(algorithm));
        var publicJwk = PublicKeyInfo.ToJwk(ecdsa.ExportSubjectPublicKeyInfo());
        using var key = VerificationKey.FromJwk(publicJwk).Value;
        RunSeeded(Gen.String[Gen.Char.AlphaNumeric, 0, 80], 40, text =>
        {
            var payload = Encoding.UTF8.GetBytes("{\"sub\":\"" + text + "\"}");
            var token = JwsWriter.SignCompactAsync(signer, payload, "jwt").AsTask().GetAwaiter().GetResult();
            var jws = Jws.ReadCompact(token).Value;
            Assert.Null(jws.VerifySignature(key));
        });
    }

    [Fact]
    public async Task DerSignedJws_WithAFlippedSignatureBit_DoesNotVerify()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new DerSignatureSigner(ecdsa, JwsAlgorithm.Es256, HashAlgorithmName.SHA256);
        using var key = VerificationKey.FromJwk(PublicKeyInfo.ToJwk(ecdsa.ExportSubjectPublicKeyInfo())).Value;
        var token = await JwsWriter.SignCompactAsync(signer, "{}"u8.ToArray());
        var parts = token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[5] ^= 0x01;

        var jws = Jws.FromParts(parts[0], parts[1], Base64Url.EncodeToString(signature)).Value;

        Assert.Equal(JoseErrors.InvalidSignature, jws.VerifySignature(key)!.Code);
    }

    private static ECCurve Curve(JwsAlgorithm algorithm) => algorithm == JwsAlgorithm.Es384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;

    private static HashAlgorithmName Hash(JwsAlgorithm algorithm) => algorithm == JwsAlgorithm.Es384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    private static void RunSeeded<T>(Gen<T> gen, int iterations, Action<T> assert)
    {
        for (var i = 0; i < iterations; i++)
        {
            var seed = new PCG(21, 20261207UL + (ulong)i).ToString();
            Check.Sample(gen, assert, seed: seed, iter: 1, threads: 1);
        }
    }
}
