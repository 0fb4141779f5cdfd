using System;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Xunit;

namespace Credentials.Tests.Keys.Rotation;

public sealed class IssuerKeySetConstructionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = RotationFixture.T0;
    private readonly RotationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Create_NoKeys_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet([], _f.Clock));

    [Fact]
    public void Create_TwoKeysWithOneKeyId_Throws()
    {
        using var twin = SigningKey.Create(JwsAlgorithm.Es256, "key-1");

        Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(2)), new IssuerKey(twin, twin.PublicJwk, T0.AddDays(1))], _f.Clock));
    }

    [Fact]
    public void Create_OverlappingSigningPeriods_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(2), T0.AddDays(3)), new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1))], _f.Clock));

    [Fact]
    public void Create_TwoOpenEndedKeys_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0), new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1))], _f.Clock));

    [Fact]
    public void Create_GapBetweenSigningPeriods_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(3)), new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(2))], _f.Clock));

    [Fact]
    public void Create_LastKeyRetires_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet([new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(2))], _f.Clock));

    [Fact]
    public void Create_NoKeyActiveYet_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKeySet([new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0.AddSeconds(1))], _f.Clock));

    [Fact]
    public void Create_PublicOnlyKeyStillSigning_Throws()
    {
        _f.Clock.SetUtcNow(T0.AddHours(12));

        Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(2)), new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1))], _f.Clock));
    }

    [Fact]
    public void Create_PublicOnlyRetiredKey_PublishedButNeverSigns()
    {
        _f.Clock.SetUtcNow(T0.AddDays(1));

        var set = new IssuerKeySet([new IssuerKey(_f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(2)), new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1))], _f.Clock);

        Assert.Equal(2, set.GetPublishedKeys().Length);
        Assert.Same(_f.Key2, set.ActiveSigner);
    }

    [Fact]
    public void Create_NextKeyOfAnotherAlgorithm_Throws()
    {
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa, "key-ed");

        Assert.Throws<ArgumentException>(() => new IssuerKeySet(
            [new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(1), T0.AddDays(2)), new IssuerKey(ed, ed.PublicJwk, T0.AddDays(1))], _f.Clock));
    }

    [Fact]
    public void IssuerKey_RetiresBeforeActivation_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0, T0.AddDays(1)));

    [Fact]
    public void IssuerKey_RetainEndsBeforeRetirement_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(2), T0.AddDays(1)));

    [Fact]
    public void IssuerKey_RetireWithoutRetainUntil_Throws()
        => Assert.Throws<ArgumentException>(() => new IssuerKey(_f.Key1, _f.Key1.PublicJwk, T0, T0.AddDays(2)));

    [Fact]
    public void IssuerKey_SignerWithoutKeyId_Throws()
    {
        using var anonymous = SigningKey.Create(JwsAlgorithm.Es256);

        Assert.Throws<ArgumentException>(() => new IssuerKey(anonymous, anonymous.PublicJwk, T0));
    }

    [Fact]
    public void IssuerKey_PrivateOrOtherPublicKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new IssuerKey(_f.Key1, _f.Key1.ExportPrivateJwk(), T0));
        Assert.Throws<ArgumentException>(() => new IssuerKey(_f.Key1, _f.Key2.PublicJwk, T0));
    }

    [Fact]
    public void Rotate_ActivationInThePast_Throws()
    {
        var set = _f.Initial();
        _f.Clock.SetUtcNow(T0.AddDays(2));

        Assert.Throws<ArgumentException>(() => set.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1)), T0.AddDays(30)));
    }

    [Fact]
    public void Rotate_RetainBeforeActivation_Throws()
        => Assert.Throws<ArgumentException>(() => _f.Initial().Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, T0.AddDays(1)), T0.AddHours(1)));
}
