using System.Threading.Tasks;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys;

public sealed class SignerExtensionsTests
{
    [Fact]
    public void WithKeyId_SameKeyId_ReturnsTheSignerItself()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "k1");

        Assert.Same(key, key.WithKeyId("k1"));
    }

    [Fact]
    public async Task WithKeyId_OtherKeyId_ReportsItAndSignsWithTheSameKey()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256, "k1");
        byte[] input = [1, 2, 3];

        var renamed = key.WithKeyId("did:key:z6Mk#z6Mk");
        var signature = await renamed.SignAsync(input);

        Assert.Equal("did:key:z6Mk#z6Mk", renamed.KeyId);
        Assert.Equal(JwsAlgorithm.Es256, renamed.Algorithm);
        Assert.True(key.GetVerificationKey().Verify(JwsAlgorithm.Es256, input, signature));
    }

    [Fact]
    public void WithKeyId_Null_RemovesTheKeyIdAndRenamingTwiceDoesNotNest()
    {
        using var key = SigningKey.Create(JwsAlgorithm.EdDsa, "k1");

        var anonymous = key.WithKeyId(null);
        var renamedAgain = anonymous.WithKeyId("k2").WithKeyId("k1");

        Assert.Null(anonymous.KeyId);
        Assert.Same(key, renamedAgain);
    }
}
