using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.SdJwtVc;
using Credentials.Samples.Issuer;
using Credentials.Testing;
using Credentials.Testing.Pkcs11;
using Credentials.Trust;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>issuer serve</c>, <c>did</c> and <c>sign</c> with a key inside a SoftHSM2 token, and <c>serve --key-set</c> with a rotation.</summary>
public sealed class IssuerServeKeySourceTests : IssuerTestBase
{
    [Fact]
    public async Task ServeWithATokenKey_WalletReceivesACredentialSignedByTheTokenKey()
    {
        var token = SoftHsm.CreateToken("serve");
        var created = await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=issuer"), "--public-out", PathOf("issuer.pub.jwk"), "--json");
        var keyUri = created.Json.GetProperty("pkcs11").GetString()!;
        using var http = new HttpClient();
        var tokenKey = Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        SampleWallet.RecordingResolver resolver;

        await using (var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", keyUri, "--urls", url, "--state", PathOf("state.db"), "--status-list", PathOf("status.db")], http))
        {
            var url = server.Url;
            resolver = new SampleWallet.RecordingResolver(new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(url, tokenKey)]));
            var received = await ReceiveAsync(http, url, "age", resolver, "w1");
            var statusList = await http.GetAsync(url + "/status/1");

            Assert.True(received.IsValid, received.Error?.ToString());
            Assert.Equal(System.Net.HttpStatusCode.OK, statusList.StatusCode);
        }

        Assert.NotEmpty(resolver.KeyIds);
        Assert.All(resolver.KeyIds, k => Assert.Equal(tokenKey.Kid ?? tokenKey.ComputeThumbprint(), k));
    }

    [Fact]
    public async Task DidAndSignWithATokenKey_DidKeyOfTheTokenKey()
    {
        var token = SoftHsm.CreateToken("didsign");
        await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=k"), "--public-out", PathOf("k.pub.jwk"));
        var keyUri = token.Uri("object=k;type=private");

        var did = await RunOkAsync("did", "--key", keyUri, "--json");
        var signed = await RunOkAsync("sign", "--key", keyUri, "--input", Path.Combine(RepositoryRoot.Path, "samples", "Issuer", "SampleData", "ipa-exam-credential.json"), "--suite", "ecdsa-rdfc-2019", "--out", PathOf("signed.json"), "--json");

        var expected = DidKey.Create(Jwk.Parse(File.ReadAllText(PathOf("k.pub.jwk"))) with { Kid = null }).ToString();
        Assert.Equal(expected, did.Json.GetProperty("did").GetString());
        Assert.Equal(expected, signed.Json.GetProperty("issuer").GetString());
        Assert.True(File.Exists(PathOf("signed.json")));
    }

    [Fact]
    public async Task ServeWithAKeySet_CredentialsBeforeAndAfterTheActivationVerifyThroughTheMetadata()
    {
        var k1 = await CreateKeyAsync("k1");
        var k2 = await CreateKeyAsync("k2");
        var activation = Clock.GetUtcNow().AddDays(1);
        await RunOkAsync("keys", "rotate", "--set", PathOf("keys.json"), "--current", k1, "--next", k2, "--activate-at", activation.ToString("O", CultureInfo.InvariantCulture), "--credential-lifetime-days", "30");
        using var http = new HttpClient();
        var kid1 = Jwk.Parse(File.ReadAllText(PathOf("k1.pub.jwk"))).ComputeThumbprint();
        var kid2 = Jwk.Parse(File.ReadAllText(PathOf("k2.pub.jwk"))).ComputeThumbprint();

        await using (var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key-set", PathOf("keys.json"), "--urls", url, "--state", PathOf("state.db")], http))
        {
            var url = server.Url;
            var before = new SampleWallet.RecordingResolver(MetadataResolver(http));
            var first = await ReceiveAsync(http, url, "age", before, "w1");
            var published = JsonDocument.Parse(await http.GetStringAsync(url + "/.well-known/jwt-vc-issuer")).RootElement.GetProperty("jwks").GetProperty("keys").GetArrayLength();

            Clock.SetUtcNow(activation.AddHours(1));
            var after = new SampleWallet.RecordingResolver(MetadataResolver(http));
            var second = await ReceiveAsync(http, url, "age", after, "w2");
            var publishedAfter = JsonDocument.Parse(await http.GetStringAsync(url + "/.well-known/jwt-vc-issuer")).RootElement.GetProperty("jwks").GetProperty("keys").GetArrayLength();

            Assert.True(first.IsValid, first.Error?.ToString());
            Assert.True(second.IsValid, second.Error?.ToString());
            Assert.NotEmpty(before.KeyIds);
            Assert.All(before.KeyIds, k => Assert.Equal(kid1, k));
            Assert.NotEmpty(after.KeyIds);
            Assert.All(after.KeyIds, k => Assert.Equal(kid2, k));
            Assert.Equal(2, published);
            Assert.Equal(2, publishedAfter);
        }
    }

    [Fact]
    public async Task ServeWithKeyAndKeySet_UsageError()
    {
        var k1 = await CreateKeyAsync("k1");

        var both = await RunAsync("serve", "--key", k1, "--key-set", PathOf("keys.json"), "--urls", "http://127.0.0.1:1");
        var neither = await RunAsync("serve", "--urls", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
    }

    private JwtVcIssuerMetadataResolver MetadataResolver(HttpClient http) => SampleWallet.MetadataResolver(http, Clock);

    private Task<VerificationResult<Wallet.OpenId4Vci.ReceivedCredential>> ReceiveAsync(HttpClient http, string url, string type, IIssuerKeyResolver resolver, string walletName)
        => SampleWallet.ReceiveAsync(http, url, type, resolver, PathOf(walletName + ".db"), Clock);
}
