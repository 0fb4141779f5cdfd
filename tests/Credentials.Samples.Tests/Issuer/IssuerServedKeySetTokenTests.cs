using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Samples.Issuer;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>
/// <c>serve --key-set</c> reading its key-set file again: a key inside a PKCS#11 token (SoftHSM2) is opened once and
/// reused by every reload, and closed once the set has not named it for a grace period (read from the fake clock). Reloads are driven by the file's write time,
/// not by waiting.
/// </summary>
public sealed class IssuerServedKeySetTokenTests : IssuerTestBase
{
    [Fact]
    public async Task Current_SameSetReadAgainSeveralTimes_OneTokenStaysOpenAndSigns()
    {
        var (tokenKey, k1) = await CreateSetWithTokenKeyAsync("reuse");
        using var served = ServedKeySet.Open(PathOf("keys.json"), Clock);
        var first = served.Current();
        var tokenKid = first.Keys[1].KeyId;

        for (var i = 1; i <= 5; i++)
        {
            File.SetLastWriteTimeUtc(PathOf("keys.json"), new DateTime(2030, 1, 1, 0, i, 0, DateTimeKind.Utc));
            var again = served.Current();
            Assert.NotSame(first, again);
            Assert.Equal(1, served.OpenTokenCount);
        }

        // The reused token key still signs.
        var signer = served.Current().Keys.Single(k => k.KeyId == tokenKid).Signer!;
        var signature = await signer.SignAsync("reload"u8.ToArray());
        Assert.NotEmpty(signature);
        Assert.NotNull(k1);
        Assert.NotNull(tokenKey);
    }

    [Fact]
    public async Task Current_SetThatNoLongerNamesTheToken_TokenUsableUntilTheGracePeriodEndsThenClosed()
    {
        var (_, k1) = await CreateSetWithTokenKeyAsync("retire");
        var k2 = await CreateKeyAsync("k2");
        await RunOkAsync("keys", "rotate", "--set", PathOf("files.json"), "--current", k1, "--next", k2, "--activate-at", Iso(Clock.GetUtcNow().AddDays(1)));
        using var served = ServedKeySet.Open(PathOf("keys.json"), Clock);
        var withToken = served.Current();
        var tokenSigner = withToken.Keys[1].Signer!;
        Assert.Equal(1, served.OpenTokenCount);

        File.Copy(PathOf("files.json"), PathOf("keys.json"), overwrite: true);
        File.SetLastWriteTimeUtc(PathOf("keys.json"), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var withoutToken = served.Current();

        Assert.Equal(0, served.OpenTokenCount);
        Assert.Equal(1, served.RetiredTokenCount);
        Assert.DoesNotContain(withoutToken.Keys, k => k.KeyId == withToken.Keys[1].KeyId);

        // A request that took the previous set just before the reload still signs with it.
        Assert.NotEmpty(await tokenSigner.SignAsync("in flight"u8.ToArray()));
        Clock.Advance(ServedKeySet.RetireGrace - TimeSpan.FromSeconds(1));
        served.Current();
        Assert.Equal(1, served.RetiredTokenCount);
        Assert.NotEmpty(await tokenSigner.SignAsync("still in flight"u8.ToArray()));

        Clock.Advance(TimeSpan.FromSeconds(1));
        served.Current();
        Assert.Equal(0, served.RetiredTokenCount);

        // Closing waits for signings inside the module; a signing started afterwards is refused, never sent to a closed session.
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(async () => await tokenSigner.SignAsync("late"u8.ToArray()));
    }

    [Fact]
    public async Task Current_DroppedTokenNamedAgainBeforeTheGracePeriodEnds_SameTokenReused()
    {
        var (_, k1) = await CreateSetWithTokenKeyAsync("revive");
        var k2 = await CreateKeyAsync("k2");
        await RunOkAsync("keys", "rotate", "--set", PathOf("files.json"), "--current", k1, "--next", k2, "--activate-at", Iso(Clock.GetUtcNow().AddDays(1)));
        File.Copy(PathOf("keys.json"), PathOf("tokens.json"));
        using var served = ServedKeySet.Open(PathOf("keys.json"), Clock);
        var tokenSigner = served.Current().Keys[1].Signer!;

        File.Copy(PathOf("files.json"), PathOf("keys.json"), overwrite: true);
        File.SetLastWriteTimeUtc(PathOf("keys.json"), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        served.Current();
        Assert.Equal(1, served.RetiredTokenCount);

        File.Copy(PathOf("tokens.json"), PathOf("keys.json"), overwrite: true);
        File.SetLastWriteTimeUtc(PathOf("keys.json"), new DateTime(2030, 1, 1, 0, 1, 0, DateTimeKind.Utc));
        var again = served.Current();
        Assert.Equal(1, served.OpenTokenCount);
        Assert.Equal(0, served.RetiredTokenCount);
        Assert.Same(tokenSigner, again.Keys[1].Signer);

        Clock.Advance(ServedKeySet.RetireGrace);
        served.Current();
        Assert.NotEmpty(await tokenSigner.SignAsync("revived"u8.ToArray()));
    }

    /// <summary>A set of a key file (active) and a token key (next); returns the token URI and the key file's path.</summary>
    private async Task<(string TokenKey, string K1)> CreateSetWithTokenKeyAsync(string label)
    {
        var token = SoftHsm.CreateToken(label);
        var created = await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=ipa-2027"), "--public-out", PathOf("next.pub.jwk"), "--json");
        var tokenKey = created.Json.GetProperty("pkcs11").GetString()!;
        var k1 = await CreateKeyAsync("k1");
        await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", k1, "--next", tokenKey, "--activate-at", Iso(Clock.GetUtcNow().AddDays(1)));
        return (tokenKey, k1);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
