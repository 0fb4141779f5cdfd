using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing.Ports;
using Credentials.Testing.Stores;
using Credentials.Trust;
using Npgsql;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>
/// <c>issuer serve --postgres</c> and <c>issuer status --postgres</c>: all issuer state in one PostgreSQL database, so
/// a second <c>serve</c> on it (behind the same public URL) continues what the first started.
/// </summary>
public sealed class IssuerPostgresTests : IssuerTestBase
{
    /// <summary>Never printed: the fixture's server ignores it (or it is the fixture's own password).</summary>
    private string _password = "pw-never-printed-5e1d";

    [Fact]
    public async Task Serve_TwoInstancesOnOneDatabase_OfferFromTheSecondRedeemedOnTheFirstAndTheCodeRefusedByBoth()
    {
        var key = await CreateKeyAsync("issuer");
        var postgres = await ConnectionStringAsync();
        using var http = new HttpClient();
        await using var one = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--postgres", postgres, "--json"], http);
        var first = one.Url;
        await using var two = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--public-url", first, "--postgres", postgres, "--json"], http);
        var second = two.Url;

        // The offer is made by the second instance; its link (the public URL) leads the wallet to the first.
        var link = await ServedIssuer.OfferLinkAsync(http, second, "age");
        var (received, code, _) = await ReceiveAsync(http, link, first);
        var againOnFirst = await PostCodeAsync(http, first, code);
        var againOnSecond = await PostCodeAsync(http, second, code);
        var metadata = await http.GetStringAsync(second + "/.well-known/openid-credential-issuer");

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal((400, "invalid_grant"), againOnFirst);
        Assert.Equal((400, "invalid_grant"), againOnSecond);
        Assert.Contains($"\"credential_issuer\":\"{first}\"", metadata, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, one.Output + one.Error + two.Output + two.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RevokeAndPublishWithPostgres_TheOtherServeInstanceServesTheRevocation()
    {
        var key = await CreateKeyAsync("issuer");
        var postgres = await ConnectionStringAsync();
        using var http = new HttpClient();
        await using var one = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--postgres", postgres], http);
        var first = one.Url;
        await using var two = await ServedIssuer.StartOnFreshPortAsync(Clock, url => ["serve", "--key", key, "--urls", url, "--public-url", first, "--postgres", postgres], http);
        var second = two.Url;
        var listUri = first + "/status/1";
        var (received, _, index) = await ReceiveAsync(http, await ServedIssuer.OfferLinkAsync(http, first, "age"), first);
        Assert.True(received.IsValid, received.Error?.ToString());

        var revoke = await RunOkAsync("status", "revoke", "--postgres", postgres, "--uri", listUri, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var publish = await RunOkAsync("status", "publish", "--postgres", postgres, "--uri", listUri, "--key", key, "--issuer", first, "--json");
        var show = await RunOkAsync("status", "show", "--postgres", postgres, "--uri", listUri, "--index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var served = await http.GetStringAsync(second + "/status/1");

        Assert.Equal("revoked", revoke.Json.GetProperty("status").GetString());
        Assert.Equal("revoked", show.Json.GetProperty("status").GetString());
        Assert.Equal(publish.Json.GetProperty("token").GetString(), served);
        var issuerKey = Keys.Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Keys.Jwk>(first, issuerKey)]), new StatusListTokenVerifierOptions { TimeProvider = Clock });
        var list = await verifier.VerifyAsync(served, listUri);
        Assert.True(list.IsValid, list.Error?.ToString());
        Assert.True(list.Value.StatusList.Get(index).IsInvalid);
        Assert.DoesNotContain(_password, revoke.Output + publish.Output + show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PostgresUnreachable_DatabaseUnavailableWithoutThePassword()
    {
        var key = await CreateKeyAsync("issuer");
        // A port held without listening: connections are refused for the whole test. Nothing listens on the --urls port.
        using var refused = new RefusedPort();
        var postgres = $"Host=127.0.0.1;Port={refused.Port};Database=issuer;Username=issuer;Password={_password};Timeout=3";

        var run = await RunAsync("serve", "--key", key, "--urls", LoopbackPort.PickUrl(), "--postgres", postgres, "--json");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Equal(IssuerErrors.DatabaseUnavailable, run.ErrorCode);
        Assert.Contains("postgresql://issuer@127.0.0.1:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--state")]
    [InlineData("--status-list")]
    public async Task Serve_PostgresWithASqliteFile_UsageError(string option)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("serve", "--key", key, "--urls", LoopbackPort.PickUrl(), "--postgres", "Host=127.0.0.1;Database=issuer", option, PathOf("file.db"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.False(File.Exists(PathOf("file.db")));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=issuer;Password=pw-never-printed-5e1d;Nonsense=1")]
    [InlineData("pw-never-printed-5e1d")]
    public async Task Serve_PostgresNotAConnectionString_UsageErrorWithoutTheValue(string postgres)
    {
        var key = await CreateKeyAsync("issuer");

        var run = await RunAsync("serve", "--key", key, "--urls", LoopbackPort.PickUrl(), "--postgres", postgres, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.DoesNotContain(_password, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NeitherDbNorPostgres_UsageError()
    {
        var run = await RunAsync("status", "show", "--uri", "https://issuer.example.jp/status/1", "--index", "1", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
    }

    /// <summary>A fresh empty database; with a password the output must never show (the fixture's own, or one its server ignores).</summary>
    private async Task<string> ConnectionStringAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(await PostgreSqlTestServer.GetConnectionStringAsync());
        if (string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = _password;
        }
        else
        {
            _password = builder.Password;
        }

        return builder.ConnectionString;
    }

    /// <summary>Resolves the offer, receives the credential, and returns it with its pre-authorized code and status index.</summary>
    private async Task<(VerificationResult<Wallet.OpenId4Vci.ReceivedCredential> Received, string Code, long Index)> ReceiveAsync(HttpClient http, string link, string issuerId)
    {
        var issuerKey = Keys.Jwk.Parse(File.ReadAllText(PathOf("issuer.pub.jwk")));
        var opened = await Wallet.WalletStore.CreateAsync(PathOf("wallet-" + Guid.NewGuid().ToString("N") + ".db"), Wallet.WalletSecret.FromPassphrase("correct horse battery staple"), new Wallet.WalletOptions { KdfParameters = new Wallet.WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        using var store = opened.Value;
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Keys.Jwk>(issuerId, issuerKey)]), null, CredentialTypes.CreateMetadataRegistry(), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        var wallet = new Wallet.Holder.CredentialWallet(store, verifier, new Wallet.Holder.CredentialWalletOptions { TimeProvider = Clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Required });
        var client = new Wallet.OpenId4Vci.OpenId4VciClient(http, new Wallet.OpenId4Vci.OpenId4VciClientOptions { Http = Wallet.OpenId4Vci.OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = Http.HttpAddressPolicy.PublicAndLoopback }, TimeProvider = Clock });
        var resolved = await client.ResolveOfferAsync(link);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var code = resolved.Value.Offer.PreAuthorizedCode!.PreAuthorizedCode;
        var received = await client.ReceiveAsync(resolved.Value, wallet);
        if (!received.IsValid)
        {
            return (received, code, -1);
        }

        var raw = (await store.GetAsync(received.Value.Imported.Id)).Value.Raw;
        var payload = Jose.Jws.ReadCompact(SdJwt.SdJwtToken.Read(raw).Value.IssuerSignedJwt).Value.ParsePayload().Value;
        var reference = StatusReference.Read(payload.GetProperty(StatusReference.StatusClaimName));
        Assert.True(reference.IsValid, reference.Error?.ToString());
        return (received, code, reference.Value.Index);
    }

    /// <summary>Posts a pre-authorized code to an instance's token endpoint; returns the status and the OAuth error.</summary>
    private static async Task<(int Status, string? Error)> PostCodeAsync(HttpClient http, string instance, string code)
    {
        using var content = new FormUrlEncodedContent([new("grant_type", OpenId4Vci.CredentialOffer.PreAuthorizedCodeGrantType), new("pre-authorized_code", code)]);
        using var response = await http.PostAsync(instance + "/token", content);
        return ((int)response.StatusCode, OpenId4Vci.ProtocolErrorResponse.TryParse(await response.Content.ReadAsByteArrayAsync())?.Error);
    }
}
