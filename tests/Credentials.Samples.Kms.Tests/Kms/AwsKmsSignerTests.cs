using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService.Model;
using Credentials.Keys;
using Credentials.Samples.Kms.AwsKms;
using Xunit;

namespace Credentials.Samples.Kms.Tests.Kms;

public sealed class AwsKmsSignerTests
{
    [Theory]
    [InlineData("ECC_NIST_P256", "ECDSA_SHA_256", "ES256")]
    [InlineData("ECC_NIST_P384", "ECDSA_SHA_384", "ES384")]
    public async Task EcKey_SignsJwsTheVerifierAccepts(string keySpec, string signingAlgorithm, string jwsAlgorithm)
    {
        using var key = ECDsa.Create(keySpec == "ECC_NIST_P256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var kms = FakeKms.Ecdsa(key, keySpec, signingAlgorithm);
        using var client = kms.CreateClient();

        var signer = await AwsKmsSigner.CreateAsync(client, "alias/issuer-signing", keyId: "did:web:issuer.example.jp#key-1");

        Assert.Equal(jwsAlgorithm, signer.Algorithm.Name);
        Assert.Equal("did:web:issuer.example.jp#key-1", signer.KeyId);
        Assert.Equal("did:web:issuer.example.jp#key-1", signer.PublicJwk.Kid);
        Assert.Equal(FakeKms.Arn, signer.KeyArn);
        Assert.Equal(PublicKeyInfo.ToJwk(key.ExportSubjectPublicKeyInfo()) with { Kid = signer.KeyId }, signer.PublicJwk);
        await Issuance.AssertSignsVerifiableJwsAsync(signer, signer.PublicJwk);
        await Issuance.AssertIssuesVerifiableSdJwtVcAsync(signer, PublicKeyInfo.ToJwk(key.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public async Task EcKey_SendsTheDigestToThePinnedKeyArn()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kms = FakeKms.Ecdsa(key, "ECC_NIST_P256", "ECDSA_SHA_256");
        using var client = kms.CreateClient();
        var signer = await AwsKmsSigner.CreateAsync(client, "alias/issuer-signing");
        byte[] input = [.. "eyJhbGciOiJFUzI1NiJ9.e30"u8];

        var signature = await signer.SignAsync(input);

        var sign = kms.Handler.Requests.Last();
        Assert.Contains("\"KeyId\":\"" + FakeKms.Arn + "\"", sign.Body, StringComparison.Ordinal);
        Assert.Contains("\"MessageType\":\"DIGEST\"", sign.Body, StringComparison.Ordinal);
        Assert.Contains("\"Message\":\"" + Convert.ToBase64String(SHA256.HashData(input)) + "\"", sign.Body, StringComparison.Ordinal);
        Assert.True(key.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Ed25519Key_SignsTheRawMessage()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var kms = FakeKms.Ed25519(key);
        using var client = kms.CreateClient();

        var signer = await AwsKmsSigner.CreateAsync(client, FakeKms.Arn);

        Assert.Equal(JwsAlgorithm.EdDsa, signer.Algorithm);
        await Issuance.AssertSignsVerifiableJwsAsync(signer, key.PublicJwk);
        Assert.Contains("\"MessageType\":\"RAW\"", kms.Handler.Requests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ed25519Key_SigningInputOverTheKmsLimit_IsRefusedBeforeAnyCall()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
        var kms = FakeKms.Ed25519(key);
        using var client = kms.CreateClient();
        var signer = await AwsKmsSigner.CreateAsync(client, FakeKms.Arn);
        var calls = kms.Handler.Requests.Count;

        await Assert.ThrowsAsync<ArgumentException>(async () => await signer.SignAsync(new byte[AwsKmsSigner.MaxRawMessageLength + 1]));
        Assert.Equal(calls, kms.Handler.Requests.Count);
    }

    [Fact]
    public async Task RsaKey_IsRefusedClearly()
    {
        using var rsa = RSA.Create(2048);
        var kms = FakeKms.WithPublicKey("RSA_2048", rsa.ExportSubjectPublicKeyInfo(), "RSASSA_PSS_SHA_256");
        using var client = kms.CreateClient();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => AwsKmsSigner.CreateAsync(client, FakeKms.Arn));
        Assert.Contains("RSA_2048", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secp256k1Key_IsRefusedClearly()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kms = FakeKms.WithPublicKey("ECC_SECG_P256K1", p256.ExportSubjectPublicKeyInfo(), "ECDSA_SHA_256");
        using var client = kms.CreateClient();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => AwsKmsSigner.CreateAsync(client, FakeKms.Arn));
        Assert.Contains("ECC_SECG_P256K1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpecAndPublicKeyDisagreeing_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var kms = FakeKms.WithPublicKey("ECC_NIST_P256", p384.ExportSubjectPublicKeyInfo(), "ECDSA_SHA_256");
        using var client = kms.CreateClient();

        await Assert.ThrowsAsync<CryptographicException>(() => AwsKmsSigner.CreateAsync(client, FakeKms.Arn));
    }

    [Fact]
    public async Task SigningAlgorithmNotOffered_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var client = FakeKms.Ecdsa(key, "ECC_NIST_P256", "ECDSA_SHA_384").CreateClient();

        await Assert.ThrowsAsync<NotSupportedException>(() => AwsKmsSigner.CreateAsync(client, FakeKms.Arn));
    }

    [Fact]
    public async Task ServiceAnsweringWithAnythingButDer_FailsTheSignatureInsteadOfPassingItOn()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kms = FakeKms.Ecdsa(key, "ECC_NIST_P256", "ECDSA_SHA_256");
        using var client = kms.CreateClient();
        var signer = await AwsKmsSigner.CreateAsync(client, FakeKms.Arn);
        kms.AnswerWithRawSignature = true;

        await Assert.ThrowsAsync<CryptographicException>(async () => await signer.SignAsync("a.b"u8.ToArray()));
    }

    [Fact]
    public async Task ServiceError_ReachesTheCallerAsTheSdksException()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kms = FakeKms.Ecdsa(key, "ECC_NIST_P256", "ECDSA_SHA_256");
        using var client = kms.CreateClient();
        var signer = await AwsKmsSigner.CreateAsync(client, FakeKms.Arn);
        kms.SignError = "DisabledException";

        await Assert.ThrowsAsync<DisabledException>(async () => await signer.SignAsync("a.b"u8.ToArray()));
    }

    [Fact]
    public async Task Cancellation_StopsTheCall()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kms = FakeKms.Ecdsa(key, "ECC_NIST_P256", "ECDSA_SHA_256");
        using var client = kms.CreateClient();
        var signer = await AwsKmsSigner.CreateAsync(client, FakeKms.Arn);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signer.SignAsync("a.b"u8.ToArray(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AwsKmsSigner.CreateAsync(client, FakeKms.Arn, cancellationToken: cancelled.Token));
    }
}
