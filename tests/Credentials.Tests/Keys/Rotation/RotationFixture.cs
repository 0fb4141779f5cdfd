using System;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Credentials.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Keys.Rotation;

/// <summary>Two ES256 keys and a clock: key 1 active from T0, key 2 next from T0 + 1 day, key 1 kept until T0 + 31 days.</summary>
internal sealed class RotationFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Activation = T0.AddDays(1);
    public static readonly DateTimeOffset RetainUntil = Activation.AddDays(30);

    public FakeTimeProvider Clock { get; } = TestClock.At(T0);

    public SigningKey Key1 { get; } = SigningKey.Create(JwsAlgorithm.Es256, "key-1");

    public SigningKey Key2 { get; } = SigningKey.Create(JwsAlgorithm.Es256, "key-2");

    public IssuerKeySet Initial() => new([new IssuerKey(Key1, Key1.PublicJwk, T0)], Clock);

    public IssuerKeySet Rotated() => Initial().Rotate(new IssuerKey(Key2, Key2.PublicJwk, Activation), RetainUntil);

    public void Dispose()
    {
        Key1.Dispose();
        Key2.Dispose();
    }
}
