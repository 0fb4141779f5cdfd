using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Credentials.Keys.Rotation;
using Xunit;

namespace Credentials.Tests.Keys.Rotation;

public sealed class IssuerKeySetPhaseTests : IDisposable
{
    private readonly RotationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Rotate_BeforeActivation_OldKeyActiveNextKeyPublished()
    {
        var set = _f.Rotated();

        Assert.Equal("key-1", set.ActiveKey.KeyId);
        Assert.Same(_f.Key1, set.ActiveSigner);
        Assert.Equal(IssuerKeyState.Next, set.FindKey("key-2")!.GetState(_f.Clock.GetUtcNow()));
        Assert.Equal(["key-1", "key-2"], set.GetPublishedKeys().Select(k => k.Kid));
    }

    [Fact]
    public void Rotate_AtActivation_NewKeyActiveOldKeyRetiredBothPublished()
    {
        var set = _f.Rotated();
        _f.Clock.SetUtcNow(RotationFixture.Activation);

        Assert.Equal("key-2", set.ActiveKey.KeyId);
        Assert.Same(_f.Key2, set.ActiveSigner);
        Assert.Equal(IssuerKeyState.Retired, set.FindKey("key-1")!.GetState(_f.Clock.GetUtcNow()));
        Assert.Equal(["key-1", "key-2"], set.GetPublishedKeys().Select(k => k.Kid));
    }

    [Fact]
    public void Rotate_JustBeforeRetainUntil_OldKeyStillPublished()
    {
        var set = _f.Rotated();
        _f.Clock.SetUtcNow(RotationFixture.RetainUntil.AddTicks(-1));

        Assert.Equal(IssuerKeyState.Retired, set.FindKey("key-1")!.GetState(_f.Clock.GetUtcNow()));
        Assert.Equal(2, set.GetPublishedKeys().Length);
    }

    [Fact]
    public void Rotate_AtRetainUntil_OldKeyGoneAndPrunable()
    {
        var set = _f.Rotated();
        _f.Clock.SetUtcNow(RotationFixture.RetainUntil);

        Assert.Equal(IssuerKeyState.Gone, set.FindKey("key-1")!.GetState(_f.Clock.GetUtcNow()));
        Assert.Equal(["key-2"], set.GetPublishedKeys().Select(k => k.Kid));
        Assert.Equal(["key-2"], set.WithoutGoneKeys().Keys.Select(k => k.KeyId));
    }

    [Fact]
    public void GetNextChange_EachPhase_NamesTheNextStateChange()
    {
        var set = _f.Rotated();

        Assert.Equal(RotationFixture.Activation, set.GetNextChange(RotationFixture.T0));
        Assert.Equal(RotationFixture.RetainUntil, set.GetNextChange(RotationFixture.Activation));
        Assert.Null(set.GetNextChange(RotationFixture.RetainUntil));
        Assert.Null(_f.Initial().GetNextChange(RotationFixture.T0));
    }

    [Fact]
    public void PublishedKeys_NeverHoldPrivateParts()
    {
        var set = _f.Rotated();

        Assert.All(set.GetPublishedKeys(), k => Assert.False(k.HasPrivateKey));
    }

    [Fact]
    public void CreateJwtVcIssuerMetadata_EachPhase_IssuerAndPublishedKeys()
    {
        var set = _f.Rotated();

        using var before = JsonDocument.Parse(set.CreateJwtVcIssuerMetadata("https://issuer.example.jp/exam"));
        _f.Clock.SetUtcNow(RotationFixture.RetainUntil);
        using var after = JsonDocument.Parse(set.CreateJwtVcIssuerMetadata("https://issuer.example.jp/exam"));

        Assert.Equal("https://issuer.example.jp/exam", before.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(["key-1", "key-2"], before.RootElement.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal(["key-2"], after.RootElement.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.DoesNotContain("\"d\"", Encoding.UTF8.GetString(set.CreateJwtVcIssuerMetadata("https://issuer.example.jp")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("did:web:issuer.example.jp")]
    [InlineData("https://issuer.example.jp?x=1")]
    public void CreateJwtVcIssuerMetadata_NotAnHttpsIssuer_Throws(string issuer)
    {
        Assert.Throws<ArgumentException>(() => _f.Rotated().CreateJwtVcIssuerMetadata(issuer));
    }

    [Fact]
    public void ComputeRetainUntil_SigningGracePlusLongestLifetimePlusSkew()
    {
        var retires = RotationFixture.Activation;

        Assert.Equal(retires.AddDays(365).AddMinutes(5) + RotatingSigner.RetiredKeySigningGrace, IssuerKey.ComputeRetainUntil(retires, TimeSpan.FromDays(365), TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)));
        Assert.Equal(retires.AddDays(2) + RotatingSigner.RetiredKeySigningGrace, IssuerKey.ComputeRetainUntil(retires, TimeSpan.FromDays(1), TimeSpan.FromDays(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => IssuerKey.ComputeRetainUntil(retires, TimeSpan.FromDays(-1)));
    }
}
