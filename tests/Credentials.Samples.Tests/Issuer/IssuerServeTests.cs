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
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource();
        using var output = new System.IO.StringWriter();
        using var error = new System.IO.StringWriter();
        var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), Clock, UiLanguage.English, _ => null);
        var serving = CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), ["serve", "--key", key, "--urls", url, "--offer", "age,ipa-exam", "--status-list", PathOf("status.db"), "--json"], host, stop.Token);

        using var http = new HttpClient();
        var metadata = await WaitForAsync(http, url + "/.well-known/openid-credential-issuer", serving);
        var offer = await http.PostAsync(url + "/offers?types=age", null);
        var badOffer = await http.PostAsync(url + "/offers?types=passport", null);
        var statusList = await http.GetAsync(url + "/status/1");
        await stop.CancelAsync();
        var exit = await serving;

        Assert.Equal(0, exit);
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
        var printed = new CliRun(exit, output.ToString(), error.ToString()).Json;
        Assert.Equal(url, printed.GetProperty("credentialIssuer").GetString());
        Assert.Equal(2, printed.GetProperty("offer").GetProperty("types").GetArrayLength());
    }

    [Theory]
    [InlineData("age")]
    [InlineData("ipa-exam")]
    public async Task Serve_WalletRedeemsOffer_ReceivesCredentialOfTheType(string type)
    {
        var key = await CreateKeyAsync("issuer");
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource();
        var host = new CliHost(TextWriter.Null, TextWriter.Null, Clock, UiLanguage.English, _ => null);
        var serving = CliApp.InvokeAsync(IssuerApp.CreateRootCommand(host), ["serve", "--key", key, "--urls", url], host, stop.Token);
        using var http = new HttpClient();
        await WaitForAsync(http, url + "/.well-known/openid-credential-issuer", serving);
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
        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(type, received.Value.CredentialConfigurationId);
    }

    [Fact]
    public async Task Serve_BadClaimsForType_FailsBeforeListening()
    {
        var key = await CreateKeyAsync("issuer");
        System.IO.File.WriteAllText(PathOf("age.json"), """{"birth_date":"tomorrow"}""");

        var run = await RunAsync("serve", "--key", key, "--urls", $"http://127.0.0.1:{FreePort()}", "--claims", "age=" + PathOf("age.json"), "--json");

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> WaitForAsync(HttpClient http, string url, Task<int> serving)
    {
        for (var i = 0; i < 100; i++)
        {
            if (serving.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited early with {await serving}.");
            }

            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("The issuer did not start listening.");
    }
}
