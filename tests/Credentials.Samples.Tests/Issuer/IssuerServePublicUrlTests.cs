using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>issuer serve --public-url</c>: the Credential Issuer Identifier when it is not where the instance listens (behind a load balancer).</summary>
public sealed class IssuerServePublicUrlTests : IssuerTestBase
{
    private const string PublicUrl = "https://issuer.example.jp";

    [Fact]
    public async Task Serve_PublicUrl_MetadataOffersAndStatusListNameThePublicUrl()
    {
        var key = await CreateKeyAsync("issuer");
        using var http = new HttpClient();
        var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--public-url", PublicUrl + "/", "--status-list", PathOf("status.db"), "--json"], http);
        var url = server.Url;
        JsonElement metadata;
        string link;
        string statusList;
        try
        {
            metadata = JsonDocument.Parse(await http.GetStringAsync(url + "/.well-known/openid-credential-issuer")).RootElement;
            link = await ServedIssuer.OfferLinkAsync(http, url, "age");
            statusList = await http.GetStringAsync(url + "/status/1");
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal(PublicUrl, metadata.GetProperty("credential_issuer").GetString());
        Assert.Equal(PublicUrl + "/credential", metadata.GetProperty("credential_endpoint").GetString());
        Assert.StartsWith(PublicUrl + "/credential-offer/", Uri.UnescapeDataString(link[(link.IndexOf("credential_offer_uri=", StringComparison.Ordinal) + "credential_offer_uri=".Length)..]), StringComparison.Ordinal);
        Assert.Equal(PublicUrl + "/status/1", PayloadOf(statusList).GetProperty("sub").GetString());
        Assert.Equal(PublicUrl, PayloadOf(statusList).GetProperty("iss").GetString());
        var printed = new Cli.CliRun(0, server.Output, server.Error).Json;
        Assert.Equal(PublicUrl, printed.GetProperty("credentialIssuer").GetString());
        Assert.Equal(url, printed.GetProperty("listening").GetString());
        Assert.Equal(PublicUrl + "/.well-known/openid-credential-issuer", printed.GetProperty("metadata").GetString());
    }

    [Fact]
    public async Task Serve_PublicUrlWithAPath_EndpointsUnderThePathAndAWalletReceives()
    {
        var key = await CreateKeyAsync("issuer");
        using var http = new HttpClient();
        await using var server = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--public-url", url + "/tenant-a", "--state", PathOf("state.db")], http, "/.well-known/openid-credential-issuer/tenant-a");
        var url = server.Url;
        var issuerId = url + "/tenant-a";

        var link = await ServedIssuer.OfferLinkAsync(http, issuerId, "age");
        var received = await ReceiveAsync(http, link, issuerId);
        using var root = await http.GetAsync(url + "/offers");

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal("age", received.Value.CredentialConfigurationId);
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
    }

    [Theory]
    [InlineData("ftp://issuer.example.jp")]
    [InlineData("https://issuer.example.jp/?tenant=a")]
    [InlineData("https://issuer.example.jp/#a")]
    [InlineData("issuer.example.jp")]
    [InlineData("http://issuer.example.jp")]
    public async Task Serve_PublicUrlNotAnHttpsUrl_UsageErrorBeforeListening(string publicUrl)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("serve", "--key", key, "--urls", Testing.Ports.LoopbackPort.PickUrl(), "--public-url", publicUrl, "--state", PathOf("state.db"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.Contains("--public-url", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<VerificationResult<Wallet.OpenId4Vci.ReceivedCredential>> ReceiveAsync(HttpClient http, string link, string issuerId)
    {
        var issuerKey = Keys.Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        var opened = await Wallet.WalletStore.CreateAsync(PathOf("wallet.db"), Wallet.WalletSecret.FromPassphrase("correct horse battery staple"), new Wallet.WalletOptions { KdfParameters = new Wallet.WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        using var store = opened.Value;
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Keys.Jwk>(issuerId, issuerKey)]), null, CredentialTypes.CreateMetadataRegistry(), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        var wallet = new Wallet.Holder.CredentialWallet(store, verifier, new Wallet.Holder.CredentialWalletOptions { TimeProvider = Clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Required });
        var client = new Wallet.OpenId4Vci.OpenId4VciClient(http, new Wallet.OpenId4Vci.OpenId4VciClientOptions { Http = Wallet.OpenId4Vci.OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = Http.HttpAddressPolicy.PublicAndLoopback }, TimeProvider = Clock });
        var resolved = await client.ResolveOfferAsync(link);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        return await client.ReceiveAsync(resolved.Value, wallet);
    }

    private static JsonElement PayloadOf(string jwt) => Jose.Jws.ReadCompact(jwt).Value.ParsePayload().Value;
}
