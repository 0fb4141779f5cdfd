using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Keys.Rotation;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerKeyRotationTests : IssuerTestBase
{
    [Fact]
    public async Task KeysRotate_FirstTime_NextPublishedCurrentActiveThenRetiredAfterActivation()
    {
        var current = await CreateKeyAsync("k1");
        var next = await CreateKeyAsync("k2");
        var activation = Clock.GetUtcNow().AddDays(1);

        var run = await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", current, "--next", next,
            "--activate-at", Iso(activation), "--credential-lifetime-days", "30", "--json");

        var keys = run.Json.GetProperty("keys").EnumerateArray().ToArray();
        Assert.Equal(["active", "next"], keys.Select(k => k.GetProperty("state").GetString()));
        // The credentials signed until the activation (and in the retired key's signing grace) live 30 days.
        Assert.Equal(Iso(activation.AddDays(30) + RotatingSigner.RetiredKeySigningGrace), keys[0].GetProperty("retainUntil").GetString());
        Assert.Equal(2, run.Json.GetProperty("published").GetArrayLength());
        Assert.True(File.Exists(PathOf("keys.json")));

        // A second rotation from the file: the first key is retired (published), the second active, a third next.
        Clock.SetUtcNow(activation.AddHours(1));
        var third = await CreateKeyAsync("k3");
        var again = await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--next", third, "--activate-at", Iso(activation.AddDays(2)), "--json");

        Assert.Equal(["retired", "active", "next"], again.Json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task KeysRotate_ActivationInThePast_Refused()
    {
        var current = await CreateKeyAsync("k1");
        var next = await CreateKeyAsync("k2");

        var run = await RunAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", current, "--next", next,
            "--activate-at", Iso(Clock.GetUtcNow().AddDays(-1)), "--json");

        Assert.Equal("issuer.key_rotation_refused", run.ErrorCode);
        Assert.False(File.Exists(PathOf("keys.json")));
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
