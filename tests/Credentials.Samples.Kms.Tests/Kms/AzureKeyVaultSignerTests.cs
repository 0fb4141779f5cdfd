using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Credentials.Keys;
using Credentials.Samples.Kms.AzureKeyVault;
using Xunit;

namespace Credentials.Samples.Kms.Tests.Kms;

public sealed class AzureKeyVaultSignerTests
{
    [Theory]
    [InlineData("P-256", "ES256")]
    [InlineData("P-384", "ES384")]
    public async Task EcKey_SignsJwsTheVerifierAccepts(string crv, string jwsAlgorithm)
    {
        using var key = ECDsa.Create(crv == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        var vault = FakeKeyVault.Ec(key, crv);
        var client = vault.CreateKeyClient();

        var signer = await AzureKeyVaultSigner.CreateAsync(client, FakeKeyVault.KeyName, keyId: "did:web:issuer.example.jp#key-1");

        Assert.Equal(jwsAlgorithm, signer.Algorithm.Name);
        Assert.Equal("did:web:issuer.example.jp#key-1", signer.KeyId);
        Assert.Equal(new Uri(FakeKeyVault.KeyVersionId), signer.KeyVersionId);
        Assert.Equal(PublicKeyInfo.ToJwk(key.ExportSubjectPublicKeyInfo()) with { Kid = signer.KeyId }, signer.PublicJwk);
        await Issuance.AssertSignsVerifiableJwsAsync(signer, signer.PublicJwk);
        await Issuance.AssertIssuesVerifiableSdJwtVcAsync(signer, PublicKeyInfo.ToJwk(key.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public async Task Signing_GoesToThePinnedVersionWithTheDigestOnly()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vault = FakeKeyVault.Ec(key, "P-256", kty: "EC");
        var signer = await AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName);
        byte[] input = [.. "eyJhbGciOiJFUzI1NiJ9.e30"u8];

        var signature = await signer.SignAsync(input);

        var sign = vault.Handler.Requests.Last(r => r.Uri.AbsolutePath.EndsWith("/sign", StringComparison.Ordinal));
        Assert.Equal("/keys/" + FakeKeyVault.KeyName + "/" + FakeKeyVault.Version + "/sign", sign.Uri.AbsolutePath);
        Assert.Contains("\"alg\":\"ES256\"", sign.Body, StringComparison.Ordinal);
        Assert.Contains(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(input)), sign.Body, StringComparison.Ordinal);
        Assert.True(key.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task RsaKey_IsRefusedClearly()
    {
        var vault = FakeKeyVault.WithKey(new JsonObject
        {
            ["kid"] = FakeKeyVault.KeyVersionId,
            ["kty"] = "RSA-HSM",
            ["key_ops"] = new JsonArray("sign", "verify"),
            ["n"] = "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-VJYKdjykkJ0iT9wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw",
            ["e"] = "AQAB",
        });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName));
        Assert.Contains("RSA-HSM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secp256k1Key_IsRefusedClearly()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vault = FakeKeyVault.Ec(p256, "P-256K");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName));
        Assert.Contains("P-256K", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyThatMayNotSign_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var vault = FakeKeyVault.WithKey(new JsonObject
        {
            ["kid"] = FakeKeyVault.KeyVersionId,
            ["kty"] = "EC",
            ["key_ops"] = new JsonArray("verify"),
            ["crv"] = "P-256",
            ["x"] = System.Buffers.Text.Base64Url.EncodeToString(q.X!),
            ["y"] = System.Buffers.Text.Base64Url.EncodeToString(q.Y!),
        });

        await Assert.ThrowsAsync<NotSupportedException>(() => AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName));
    }

    [Fact]
    public async Task PointNotOnTheCurve_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        q.Y![^1] ^= 1;
        var vault = FakeKeyVault.WithKey(new JsonObject
        {
            ["kid"] = FakeKeyVault.KeyVersionId,
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = System.Buffers.Text.Base64Url.EncodeToString(q.X!),
            ["y"] = System.Buffers.Text.Base64Url.EncodeToString(q.Y),
        });

        await Assert.ThrowsAsync<CryptographicException>(() => AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName));
    }

    [Fact]
    public async Task VaultAnsweringWithDer_FailsTheSignatureInsteadOfPassingItOn()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vault = FakeKeyVault.Ec(key, "P-256");
        var signer = await AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName);
        vault.AnswerWithDerSignature = true;

        await Assert.ThrowsAsync<CryptographicException>(async () => await signer.SignAsync("a.b"u8.ToArray()));
    }

    [Fact]
    public async Task MissingKey_ReachesTheCallerAsTheSdksException()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vault = FakeKeyVault.Ec(key, "P-256");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), "no-such-key"));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Cancellation_StopsTheCall()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var vault = FakeKeyVault.Ec(key, "P-256");
        var signer = await AzureKeyVaultSigner.CreateAsync(vault.CreateKeyClient(), FakeKeyVault.KeyName);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signer.SignAsync("a.b"u8.ToArray(), cancelled.Token));
    }
}
