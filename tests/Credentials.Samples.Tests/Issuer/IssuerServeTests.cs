using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Samples.Issuer;
using Credentials.Samples.Tests.Cli;
using Xunit;
using Credentials.Trust;

namespace Credentials.Samples.Tests.Issuer;

public sealed class IssuerServeTests : IssuerTestBase
{
    [Fact]
    public async Task Serve_Loopback_ServesMetadataOffersAndStatusListUntilCancelled()
    {
        var key = await CreateKeyAsync("issuer");
        using var http = new HttpClient();
        var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--offer", "age,ipa-exam", "--status-list", PathOf("status.db"), "--json"], http);
        var url = server.Url;
        var metadata = await http.GetStringAsync(url + "/.well-known/openid-credential-issuer");
        var offer = await http.PostAsync(url + "/offers?types=age", null);
        var badOffer = await http.PostAsync(url + "/offers?types=passport", null);
        var statusList = await http.GetAsync(url + "/status/1");

        // Stops it as Ctrl+C does, asserting the exit code 0.
        await server.DisposeAsync();

        using var document = JsonDocument.Parse(metadata);
        var configurations = document.RootElement.GetProperty("credential_configurations_supported");
        foreach (var type in CredentialTypes.All)
        {
            Assert.Equal(type.Vct, configurations.GetProperty(type.Name).GetProperty("vct").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        Assert.StartsWith("openid-credential-offer://", JsonDocument.Parse(await offer.Content.ReadAsStringAsync()).RootElement.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badOffer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, statusList.StatusCode);
        var printed = new CliRun(0, server.Output, server.Error).Json;
        Assert.Equal(url, printed.GetProperty("credentialIssuer").GetString());
        Assert.Equal(2, printed.GetProperty("offer").GetProperty("types").GetArrayLength());
    }

    [Theory]
    [InlineData("age")]
    [InlineData("ipa-exam")]
    public async Task Serve_WalletRedeemsOffer_ReceivesCredentialOfTheType(string type)
    {
        var key = await CreateKeyAsync("issuer");
        using var http = new HttpClient();
        var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--state", PathOf("state.db")], http);
        var url = server.Url;
        var offer = await http.PostAsync(url + "/offers?types=" + type, null);
        var link = JsonDocument.Parse(await offer.Content.ReadAsStringAsync()).RootElement.GetProperty("link").GetString()!;

        var issuerKey = Keys.Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        var store = await Wallet.WalletStore.CreateAsync(PathOf("wallet.db"), Wallet.WalletSecret.FromPassphrase("correct horse battery staple"), new Wallet.WalletOptions { KdfParameters = new Wallet.WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        using var walletStore = store.Value;
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Keys.Jwk>(url, issuerKey)]), null, CredentialTypes.CreateMetadataRegistry(), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        var wallet = new Wallet.Holder.CredentialWallet(walletStore, verifier, new Wallet.Holder.CredentialWalletOptions { TimeProvider = Clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Required });
        var client = new Wallet.OpenId4Vci.OpenId4VciClient(http, new Wallet.OpenId4Vci.OpenId4VciClientOptions { Http = Wallet.OpenId4Vci.OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = Http.HttpAddressPolicy.PublicAndLoopback }, TimeProvider = Clock });
        var resolved = await client.ResolveOfferAsync(link);
        var received = await client.ReceiveAsync(resolved.Value, wallet);

        // Stops it as Ctrl+C does, asserting the exit code 0.
        await server.DisposeAsync();
        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(type, received.Value.CredentialConfigurationId);
    }

    [Fact]
    public async Task Serve_RestartedOnTheSameState_AccessTokenAndLiveOfferStillWork()
    {
        var key = await CreateKeyAsync("issuer");
        string[] Args(string url) => ["serve", "--key", key, "--urls", url, "--state", PathOf("state.db")];
        using var http = new HttpClient();
        var client = new Wallet.OpenId4Vci.OpenId4VciClient(http, new Wallet.OpenId4Vci.OpenId4VciClientOptions { Http = Wallet.OpenId4Vci.OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = Credentials.Http.HttpAddressPolicy.PublicAndLoopback }, TimeProvider = Clock });
        using var holderKey = Keys.SigningKey.Create(JwsAlgorithm.Es256);

        string token;
        string liveLink;
        string url;
        await using (var first = await ServedIssuer.StartOnFreshPortAsync(Clock, Args, http))
        {
            url = first.Url;
            var resolved = await client.ResolveOfferAsync(await ServedIssuer.OfferLinkAsync(http, url, "age"));
            token = (await client.RequestTokenAsync(resolved.Value, null)).Value.AccessToken;
            liveLink = await ServedIssuer.OfferLinkAsync(http, url, "age");
        }

        // A restart on the same address: the offer links and the access token name it.
        await using var second = await ServeAsync(Args(url), http, url);
        var live = await client.ResolveOfferAsync(liveLink);
        var liveToken = await client.RequestTokenAsync(live.Value, null);
        var nonce = await client.RequestNonceAsync(live.Value.Metadata.NonceEndpoint!);
        var proof = await OpenId4Vci.JwtKeyProof.CreateAsync(holderKey, holderKey.PublicJwk, url, nonce.Value, Clock.GetUtcNow());
        var credential = await client.RequestCredentialAsync(live.Value.Metadata, token, new OpenId4Vci.CredentialRequest { CredentialConfigurationId = "age", JwtProofs = [proof] });

        Assert.True(live.IsValid, live.Error?.ToString());
        Assert.True(liveToken.IsValid, liveToken.Error?.ToString());
        Assert.True(credential.IsValid, credential.Error?.ToString());
        Assert.Single(credential.Value.Credentials!);
    }

    [Fact]
    public async Task Serve_StartedTwiceWithAStatusList_TakesNoStatusIndex()
    {
        var key = await CreateKeyAsync("issuer");
        string[] Args(string url) => ["serve", "--key", key, "--urls", url, "--status-list", PathOf("status.db")];
        using var http = new HttpClient();

        var first = await ServedIssuer.StartOnFreshPortAsync(Clock, Args, http);
        var url = first.Url;
        await first.DisposeAsync();
        await (await ServeAsync(Args(url), http, url)).DisposeAsync();

        var list = await AspNetCore.Storage.SqliteStatusListStore.ForFile(PathOf("status.db")).GetListAsync(url + "/status/1");
        Assert.Equal(0, list!.Allocated);
        Assert.True(File.Exists(PathOf("issuer-state.db")));
    }

    [Theory]
    [InlineData("age,age")]
    [InlineData("age,AGE")]
    [InlineData(",")]
    public async Task Serve_OfferWithRepeatedOrNoTypes_400InvalidRequest(string types)
    {
        var key = await CreateKeyAsync("issuer");
        using var http = new HttpClient();
        await using var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--state", PathOf("state.db")], http);
        var url = server.Url;

        using var response = await http.PostAsync(url + "/offers?types=" + types, null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Serve_PortInUse_AddressInUseError()
    {
        var key = await CreateKeyAsync("issuer");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await RunAsync("serve", "--key", key, "--urls", $"http://127.0.0.1:{port}", "--state", PathOf("state.db"), "--json");

        Assert.Equal(IssuerErrors.AddressInUse, run.ErrorCode);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task Serve_PortInUse_TheBuiltAppReportsOneErrorAndNoStackTrace()
    {
        var key = await CreateKeyAsync("issuer");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await BuiltApp.RunAsync("Issuer", ["serve", "--key", key, "--urls", $"http://127.0.0.1:{port}", "--state", PathOf("state.db")]);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains($"({IssuerErrors.AddressInUse})", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(CliErrors.WriteFailedCode, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Serve_BadClaimsForType_FailsBeforeListening()
    {
        var key = await CreateKeyAsync("issuer");
        System.IO.File.WriteAllText(PathOf("age.json"), """{"birth_date":"tomorrow"}""");

        var run = await RunAsync("serve", "--key", key, "--urls", Testing.Ports.LoopbackPort.PickUrl(), "--claims", "age=" + PathOf("age.json"), "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(CliErrors.InvalidClaimsCode, run.ErrorCode);
    }

    [Fact]
    public async Task Serve_NotAnHttpUrl_UsageError()
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("serve", "--key", key, "--urls", "ftp://127.0.0.1:21", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    /// <summary>
    /// Runs <c>issuer serve</c> in-process on <paramref name="url"/> again (a restart) until the returned handle is
    /// disposed (a normal stop, like Ctrl+C).
    /// </summary>
    private Task<ServedIssuer> ServeAsync(string[] args, HttpClient http, string url)
        => ServedIssuer.StartAsync(Clock, args, http, url + "/.well-known/openid-credential-issuer");
}
