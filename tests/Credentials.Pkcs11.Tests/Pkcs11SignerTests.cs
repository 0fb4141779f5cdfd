using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11;
using Xunit;

namespace Credentials.Pkcs11.Tests;

public sealed class Pkcs11SignerTests
{
    public static TheoryData<string> Algorithms => ["EdDSA", "ES256", "ES384"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task GeneratedKey_SignsWhatItsPublicJwkVerifies(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        var (_, token) = TokenFixture.OpenNew("sign");
        using (token)
        {
            Assert.True(token.Supports(algorithm));
            var signer = token.GenerateKeyPair(algorithm, "issuer-" + name, TokenFixture.NewId(), keyId: "k1");
            var input = Encoding.ASCII.GetBytes("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIn0");

            var signature = await signer.SignAsync(input);

            Assert.Equal(algorithm.SignatureSize, signature.Length);
            Assert.Equal(algorithm, signer.Algorithm);
            Assert.Equal("k1", signer.PublicJwk.Kid);
            Assert.False(signer.PublicJwk.HasPrivateKey);
            using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
            Assert.True(verification.Verify(algorithm, input, signature));
            input[0] ^= 1;
            Assert.False(verification.Verify(algorithm, input, signature));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task KeyFoundByUri_IsTheGeneratedKey(string name)
    {
        Assert.True(JwsAlgorithm.TryGet(name, out var algorithm));
        var (soft, token) = TokenFixture.OpenNew("find");
        using (token)
        {
            var id = TokenFixture.NewId();
            var generated = token.GenerateKeyPair(algorithm, "exam-2026", id);

            var byLabel = token.GetSigner(Pkcs11Uri.Parse(soft.Uri("object=exam-2026;type=private")));
            var byId = token.GetSigner(Pkcs11Uri.Parse(soft.Uri("id=" + string.Concat(id.Select(b => $"%{b:X2}")))));

            Assert.Equal(generated.PublicJwk, byLabel.PublicJwk);
            Assert.Equal(generated.PublicJwk, byId.PublicJwk);
            Assert.Equal(id, byLabel.Uri.Id);
            var signature = await byId.SignAsync(new byte[] { 1, 2, 3 });
            using var verification = VerificationKey.FromJwk(generated.PublicJwk).Value;
            Assert.True(verification.Verify(algorithm, new byte[] { 1, 2, 3 }, signature));
        }
    }

    [Fact]
    public async Task ParallelSignings_ShareThePoolAndAllVerify()
    {
        var (_, token) = TokenFixture.OpenNew("pool", maxSessions: 4);
        using (token)
        {
            var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "parallel", TokenFixture.NewId());
            using var verification = VerificationKey.FromJwk(signer.PublicJwk).Value;
            var inputs = Enumerable.Range(0, 400).Select(i => Encoding.ASCII.GetBytes($"header.payload-{i}")).ToArray();

            var signatures = await Task.WhenAll(inputs.Select(input => Task.Run(async () => await signer.SignAsync(input))));

            Assert.Equal(4, token.MaxSessions);
            // The bound is what matters; how many signings overlap depends on the machine's load.
            Assert.InRange(token.Sessions.MaxRented, 1, token.MaxSessions);
            for (var i = 0; i < inputs.Length; i++)
            {
                Assert.True(verification.Verify(JwsAlgorithm.Es256, inputs[i], signatures[i]), $"signature {i}");
            }
        }
    }

    [Fact]
    public async Task SignAsync_AfterTheTokenIsDisposed_Throws()
    {
        var (_, token) = TokenFixture.OpenNew("disposed");
        var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "gone", TokenFixture.NewId());
        token.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 1 }));
    }

    [Fact]
    public async Task SignAsync_Cancelled_Throws()
    {
        var (_, token) = TokenFixture.OpenNew("cancel");
        using (token)
        {
            var signer = token.GenerateKeyPair(JwsAlgorithm.Es256, "cancel", TokenFixture.NewId());
            using var cancelled = new System.Threading.CancellationTokenSource();
            await cancelled.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signer.SignAsync(new byte[] { 1 }, cancelled.Token));
        }
    }

    [Fact]
    public void WithKeyId_RenamesTheJwkAndKeepsTheKey()
    {
        var (_, token) = TokenFixture.OpenNew("kid");
        using (token)
        {
            var signer = token.GenerateKeyPair(JwsAlgorithm.Es384, "kid", TokenFixture.NewId());

            var renamed = signer.WithKeyId("issuer#key-1");

            Assert.Null(signer.KeyId);
            Assert.Equal("issuer#key-1", renamed.KeyId);
            Assert.Equal("issuer#key-1", renamed.PublicJwk.Kid);
            Assert.Equal(signer.PublicJwk.X, renamed.PublicJwk.X);
        }
    }
}
