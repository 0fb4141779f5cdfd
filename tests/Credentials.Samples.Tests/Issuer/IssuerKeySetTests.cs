using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Testing.Pkcs11;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>
/// Key-set files with keys inside a PKCS#11 token (SoftHSM2), and <c>serve --key-set</c> reading the file again while
/// it runs. Waits are for conditions (what the server answers), never for elapsed time.
/// </summary>
public sealed class IssuerKeySetTests : IssuerTestBase
{
    /// <summary>How long a condition may take to come true on a slow machine before the test gives up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KeysRotate_FromAJwkKeyToATokenKey_TheTokenKeySignsAfterTheActivation()
    {
        var token = SoftHsm.CreateToken("rotate");
        var created = await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=ipa-2027"), "--public-out", PathOf("next.pub.jwk"), "--json");
        var tokenKey = created.Json.GetProperty("pkcs11").GetString()!;
        var k1 = await CreateKeyAsync("k1");
        var activation = Clock.GetUtcNow().AddDays(1);
        var kid1 = Jwk.Parse(File.ReadAllText(PathOf("k1.pub.jwk"))).ComputeThumbprint();
        var kid2 = Jwk.Parse(File.ReadAllText(PathOf("next.pub.jwk"))).ComputeThumbprint();

        var rotated = await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", k1, "--next", tokenKey, "--activate-at", Iso(activation), "--json");

        var keys = rotated.Json.GetProperty("keys").EnumerateArray().ToArray();
        Assert.Equal([kid1, kid2], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal(["file", "pkcs11"], keys.Select(k => k.GetProperty("source").GetString()));
        Assert.Equal(["active", "next"], keys.Select(k => k.GetProperty("state").GetString()));
        using (var file = JsonDocument.Parse(File.ReadAllText(PathOf("keys.json"))))
        {
            Assert.Equal(tokenKey, file.RootElement.GetProperty("keys")[1].GetProperty("key").GetString());
        }

        using var http = new HttpClient();
        await using (var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key-set", PathOf("keys.json"), "--urls", url, "--state", PathOf("state.db")], http))
        {
            var url = server.Url;
            var before = new SampleWallet.RecordingResolver(SampleWallet.MetadataResolver(http, Clock));
            var first = await SampleWallet.ReceiveAsync(http, url, "age", before, PathOf("w1.db"), Clock);
            Clock.SetUtcNow(activation.AddHours(1));
            var after = new SampleWallet.RecordingResolver(SampleWallet.MetadataResolver(http, Clock));
            var second = await SampleWallet.ReceiveAsync(http, url, "age", after, PathOf("w2.db"), Clock);

            Assert.True(first.IsValid, first.Error?.ToString());
            Assert.True(second.IsValid, second.Error?.ToString());
            Assert.NotEmpty(before.KeyIds);
            Assert.All(before.KeyIds, k => Assert.Equal(kid1, k));
            Assert.NotEmpty(after.KeyIds);
            Assert.All(after.KeyIds, k => Assert.Equal(kid2, k));
            Assert.Equal([kid1, kid2], await PublishedKeyIdsAsync(http, url));
        }
    }

    [Fact]
    public async Task KeysRotate_TokenKeyThatCannotBeOpened_TypedErrorAndNothingWritten()
    {
        var token = SoftHsm.CreateToken("missing");
        var k1 = await CreateKeyAsync("k1");

        var run = await RunAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", k1, "--next", token.Uri("object=no-such-key"), "--activate-at", Iso(Clock.GetUtcNow().AddDays(1)), "--json");

        Assert.StartsWith("pkcs11.", run.ErrorCode, StringComparison.Ordinal);
        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(token.Pin, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("keys.json")));
    }

    [Fact]
    public async Task Serve_KeySetFileChanges_MetadataShowsTheNewSetAndABrokenFileKeepsTheLastGoodSet()
    {
        var k1 = await CreateKeyAsync("k1");
        var k2 = await CreateKeyAsync("k2");
        var k3 = await CreateKeyAsync("k3");
        var k4 = await CreateKeyAsync("k4");
        var activation = Clock.GetUtcNow().AddDays(1);
        await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", k1, "--next", k2, "--activate-at", Iso(activation));
        string[] kids = [.. new[] { "k1", "k2", "k3", "k4" }.Select(n => Jwk.Parse(File.ReadAllText(PathOf(n + ".pub.jwk"))).ComputeThumbprint())];
        using var http = new HttpClient();

        await using (var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key-set", PathOf("keys.json"), "--urls", url, "--state", PathOf("state.db")], http))
        {
            var url = server.Url;
            Assert.Equal(kids[..2], await PublishedKeyIdsAsync(http, url));

            // A rotation recorded while the server runs is published without a restart.
            await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--next", k3, "--activate-at", Iso(activation.AddDays(1)));
            var good = File.ReadAllText(PathOf("keys.json"));
            await WaitUntilPublishedAsync(http, url, kids[..3]);

            // A broken file: the last good set stays published, and its active key still signs.
            ReplaceFile(PathOf("keys.json"), "{\"keys\": [ {\"key\": ");
            Assert.Equal(kids[..3], await PublishedKeyIdsAsync(http, url));
            ReplaceFile(PathOf("keys.json"), good.Replace("\"activatesAt\"", "\"activatesAt\": \"not a date\", \"x\"", StringComparison.Ordinal));
            Assert.Equal(kids[..3], await PublishedKeyIdsAsync(http, url));
            ReplaceFile(PathOf("keys.json"), good.Replace(Path.GetFileName(k3), "no-such-key.jwk", StringComparison.Ordinal));
            Assert.Equal(kids[..3], await PublishedKeyIdsAsync(http, url));
            var resolver = new SampleWallet.RecordingResolver(SampleWallet.MetadataResolver(http, Clock));
            var received = await SampleWallet.ReceiveAsync(http, url, "age", resolver, PathOf("w1.db"), Clock);
            Assert.True(received.IsValid, received.Error?.ToString());
            Assert.All(resolver.KeyIds, k => Assert.Equal(kids[0], k));

            // Mended: the next good file is taken in again.
            ReplaceFile(PathOf("keys.json"), good);
            await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--next", k4, "--activate-at", Iso(activation.AddDays(2)));
            await WaitUntilPublishedAsync(http, url, kids);
        }
    }

    /// <summary>The <c>kid</c>s of the JWKS at <c>/.well-known/jwt-vc-issuer</c>, in order.</summary>
    private static async Task<string[]> PublishedKeyIdsAsync(HttpClient http, string url)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(url + "/.well-known/jwt-vc-issuer"));
        return [.. document.RootElement.GetProperty("jwks").GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    /// <summary>Asks again until the metadata lists exactly <paramref name="expected"/> (fails after <see cref="Patience"/>).</summary>
    private static async Task WaitUntilPublishedAsync(HttpClient http, string url, string[] expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        string[] published;
        while (!(published = await PublishedKeyIdsAsync(http, url)).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(expected, published);
    }

    /// <summary>Writes the file in one step, so the server reads either the old or the new content.</summary>
    private static void ReplaceFile(string path, string contents)
    {
        var temporary = path + ".new";
        File.WriteAllText(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
