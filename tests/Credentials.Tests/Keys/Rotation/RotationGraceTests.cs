using System;
using System.Text;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Xunit;

namespace Credentials.Tests.Keys.Rotation;

public sealed class RotationGraceTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly RotationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task CredentialSignedInTheGrace_ByTheRetiredKey_StaysPublishedUntilItsExpiry()
    {
        var retainUntil = IssuerKey.ComputeRetainUntil(RotationFixture.Activation, Lifetime);
        var set = _f.Initial().Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.Activation), retainUntil);
        var signer = new RotatingSigner(set);
        _f.Clock.SetUtcNow(RotationFixture.Activation.AddMilliseconds(-1));
        var input = SigningInput(signer.KeyId!);

        var signedAt = RotationFixture.Activation.AddSeconds(59);
        _f.Clock.SetUtcNow(signedAt);
        var signature = await signer.SignAsync(input);

        Assert.True(_f.Key1.GetVerificationKey().Verify(JwsAlgorithm.Es256, input, signature));
        var expiresAt = signedAt + Lifetime;
        Assert.Equal(IssuerKeyState.Retired, set.FindKey("key-1")!.GetState(expiresAt.AddTicks(-1)));
        Assert.Contains("key-1", WrittenJwks(set, expiresAt.AddTicks(-1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_WithAMinimumLead_RefusesASoonerActivation_AndAcceptsALaterOne()
    {
        var initial = _f.Initial();
        var lead = TimeSpan.FromHours(1);

        Assert.Throws<ArgumentException>(() => initial.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.T0.AddMinutes(30)), RotationFixture.RetainUntil, lead));
        Assert.Throws<ArgumentException>(() => initial.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.T0), RotationFixture.RetainUntil, lead));
        Assert.Throws<ArgumentOutOfRangeException>(() => initial.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.Activation), RotationFixture.RetainUntil, TimeSpan.FromSeconds(-1)));
        var rotated = initial.Rotate(new IssuerKey(_f.Key2, _f.Key2.PublicJwk, RotationFixture.T0 + lead), RotationFixture.RetainUntil, lead);
        Assert.Equal(RotationFixture.T0 + lead, rotated.FindKey("key-2")!.ActivatesAt);
    }

    private string WrittenJwks(IssuerKeySet set, DateTimeOffset at)
    {
        _f.Clock.SetUtcNow(at);
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            set.WriteJwks(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static byte[] SigningInput(string kid)
        => Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"alg":"ES256","kid":"{{kid}}","typ":"x"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".e30");
}
