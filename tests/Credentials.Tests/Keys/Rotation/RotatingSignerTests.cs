using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Keys.Rotation;

public sealed class RotatingSignerTests : IDisposable
{
    private readonly RotationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void KeyId_FollowsTheActiveKey()
    {
        var signer = _f.Rotated().Signer;

        var before = signer.KeyId;
        _f.Clock.SetUtcNow(RotationFixture.Activation);

        Assert.Equal("key-1", before);
        Assert.Equal("key-2", signer.KeyId);
        Assert.Equal(JwsAlgorithm.Es256, signer.Algorithm);
    }

    [Fact]
    public async Task SdJwtVcIssuer_BuiltOnce_SignsWithEachActiveKeyAndNamesIt()
    {
        var issuer = new SdJwtVcIssuer(_f.Rotated().Signer, options: new SdJwtVcIssuerOptions { Issuer = "https://issuer.example.jp", TimeProvider = _f.Clock });

        var first = await IssueAsync(issuer);
        _f.Clock.SetUtcNow(RotationFixture.Activation);
        var second = await IssueAsync(issuer);

        AssertSignedBy(first.IssuerSignedJwt, _f.Key1);
        AssertSignedBy(second.IssuerSignedJwt, _f.Key2);
    }

    [Fact]
    public async Task StatusListTokenIssuer_BuiltOnce_ReSignsWithTheNewKey()
    {
        var issuer = new StatusListTokenIssuer(_f.Rotated().Signer, new StatusListTokenIssuerOptions { TimeProvider = _f.Clock });
        var list = new StatusListBuilder(1, 16);

        var first = await issuer.IssueAsync("https://issuer.example.jp/status/1", list);
        _f.Clock.SetUtcNow(RotationFixture.Activation);
        var second = await issuer.IssueAsync("https://issuer.example.jp/status/1", list);

        AssertSignedBy(first, _f.Key1);
        AssertSignedBy(second, _f.Key2);
    }

    [Fact]
    public async Task SignAsync_HeaderWrittenJustBeforeActivation_SignsWithTheKeyItNames()
    {
        var signer = _f.Rotated().Signer;
        _f.Clock.SetUtcNow(RotationFixture.Activation.AddMilliseconds(-1));
        var input = SigningInput(signer.Algorithm.Name, signer.KeyId!);

        _f.Clock.SetUtcNow(RotationFixture.Activation.AddSeconds(5));
        var signature = await signer.SignAsync(input);

        Assert.True(_f.Key1.GetVerificationKey().Verify(JwsAlgorithm.Es256, input, signature));
    }

    [Fact]
    public async Task SignAsync_HeaderNamesLongRetiredKey_Throws()
    {
        var signer = _f.Rotated().Signer;
        _f.Clock.SetUtcNow(RotationFixture.Activation.AddHours(1));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await signer.SignAsync(SigningInput("ES256", "key-1")));
    }

    [Fact]
    public async Task SignAsync_HeaderNamesNextKey_Throws()
    {
        var signer = _f.Rotated().Signer;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await signer.SignAsync(SigningInput("ES256", "key-2")));
    }

    [Fact]
    public async Task SignAsync_NotAJwsSigningInput_SignsWithTheActiveKey()
    {
        var signer = _f.Rotated().Signer;
        byte[] input = [0x84, 0x6a, 0x53, 0x69, 0x67, 0x6e, 0x61, 0x74, 0x75, 0x72, 0x65, 0x31];
        _f.Clock.SetUtcNow(RotationFixture.Activation);

        var signature = await signer.SignAsync(input);

        Assert.True(_f.Key2.GetVerificationKey().Verify(JwsAlgorithm.Es256, input, signature));
    }

    [Fact]
    public async Task Source_ReplacedWhileRunning_SignsWithTheNewSet()
    {
        var current = _f.Initial();
        var signer = new RotatingSigner(() => current);
        var issuer = new StatusListTokenIssuer(signer, new StatusListTokenIssuerOptions { TimeProvider = _f.Clock });
        var list = new StatusListBuilder(1, 16);

        var first = await issuer.IssueAsync("https://issuer.example.jp/status/1", list);
        current = current.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.Activation), RotationFixture.RetainUntil);
        _f.Clock.SetUtcNow(RotationFixture.Activation);
        var second = await issuer.IssueAsync("https://issuer.example.jp/status/1", list);

        AssertSignedBy(first, _f.Key1);
        AssertSignedBy(second, _f.Key2);
    }

    private async Task<SdJwtToken> IssueAsync(SdJwtVcIssuer issuer)
        => await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = "https://credentials.example.jp/vct/age/v1",
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true),
            ExpiresAt = _f.Clock.GetUtcNow().AddDays(30),
        });

    private static void AssertSignedBy(string compact, SigningKey key)
    {
        var jws = Jws.ReadCompact(compact);
        Assert.True(jws.IsValid, jws.Error?.ToString());
        Assert.Equal(key.KeyId, jws.Value.KeyId);
        Assert.Null(jws.Value.VerifySignature(key.GetVerificationKey()));
    }

    private static byte[] SigningInput(string alg, string kid)
        => Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","kid":"{{kid}}","typ":"x"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".e30");
}
