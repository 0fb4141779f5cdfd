using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OAuth;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// The HAIP issuance profile end to end on Kestrel over loopback, state in SQLite: an issuer requiring PAR with PKCE,
/// DPoP-bound access tokens with server nonces and wallet attestation; this library's wallet client (no pre-authorized
/// code) going through PAR, the authorize step (the test plays the person through the issuer's authorization page hook),
/// the redirect, the token and the credential, immediately or deferred (completed with DPoP proofs and acknowledged
/// with <c>credential_accepted</c>).
/// </summary>
public sealed class HaipIssuanceEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "https://wallet.example.jp/instance-7";
    private const string Age = "age_sd_jwt";
    private const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    private static readonly Uri Redirect = new("https://wallet.example.jp/cb");

    private readonly TempDatabase _db = new();
    private readonly string _walletFolder = Path.Combine(Path.GetTempPath(), "credentials-haip-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026");
    private readonly SigningKey _walletProvider = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _walletInstance = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly ConcurrentQueue<string> _pendingAuthorizations = new();
    private readonly ConcurrentQueue<string> _deferred = new();
    private readonly ConcurrentQueue<CredentialNotification> _notifications = new();
    private WebApplication _app = null!;
    private WalletStore _store = null!;
    private CredentialWallet _wallet = null!;
    private OpenId4VciIssuer _issuer = null!;
    private string _origin = string.Empty;
    private bool _defer;

    private string IssuerId => _origin + "/ipa";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(_db.Path));
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = _issuerKey,
            AllowHttp = true,
            TimeProvider = _clock,
            ValidateClient = (client, redirect) => client == ClientId && redirect == Redirect.OriginalString,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = Age, Vct = AgeVct }],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(Dataset()),

            // HAIP 1.0 sections 4.3 and 4.4: DPoP (with server nonces) and wallet attestation.
            Dpop = new OpenId4VciDpopOptions { Required = true, Validation = new DpopProofValidatorOptions { RequireNonce = true } },
            ClientAttestation = new ClientAttestationValidatorOptions { TrustedProviderKeys = [_walletProvider.PublicJwk], TimeProvider = _clock },
            DeferredIssuance = new DeferredIssuanceOptions
            {
                Defer = (request, _) =>
                {
                    if (_defer)
                    {
                        _deferred.Enqueue(request.TransactionId);
                    }

                    return ValueTask.FromResult(_defer);
                },
                Interval = TimeSpan.FromSeconds(5),
                TransactionLifetime = TimeSpan.FromDays(1),
            },
            Notifications = new IssuerNotificationOptions
            {
                OnNotification = (notification, _) =>
                {
                    _notifications.Enqueue(notification);
                    return ValueTask.CompletedTask;
                },
            },
        });
        _app = builder.Build();
        _app.MapOpenId4VciIssuer("/ipa", new OpenId4VciEndpointOptions
        {
            // The app's login page; the test plays the person who logs in and consents.
            AuthorizationPage = (context, pending) =>
            {
                _pendingAuthorizations.Enqueue(pending.Id);
                return context.Response.WriteAsync("login");
            },
        });
        await _app.StartAsync();
        _origin = "http://127.0.0.1:" + new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();

        Directory.CreateDirectory(_walletFolder);
        var store = await WalletStore.CreateAsync(Path.Combine(_walletFolder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(store.IsValid, store.Error?.ToString());
        _store = store.Value;
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, _issuerKey.PublicJwk)]), options: new SdJwtVcVerifierOptions { TimeProvider = _clock });
        _wallet = new CredentialWallet(_store, verifier, new CredentialWalletOptions { Locale = "ja-JP", TimeProvider = _clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        _http.Dispose();
        _issuerKey.Dispose();
        _walletProvider.Dispose();
        _walletInstance.Dispose();
        _db.Dispose();
        try
        {
            Directory.Delete(_walletFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static CredentialDataset Dataset() => new() { Claims = SdJwtPayload.Create().Disclosable("age_over_18", true) };

    private async Task<OpenId4VciClient> ClientAsync()
    {
        // The wallet provider attests the wallet instance; the instance key signs each PoP.
        var attestation = await new ClientAttestationIssuer(_walletProvider, new ClientAttestationIssuerOptions { TimeProvider = _clock }).IssueAsync(ClientId, _walletInstance.PublicJwk);
        return new OpenId4VciClient(_http, new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = _clock,
            ClientId = ClientId,
            ClientAttestation = attestation,
            ClientAttestationSigner = _walletInstance,
        });
    }

    // PAR, then the browser at the authorization endpoint (the hook shows the login page), the person logging in, and
    // the redirect back to the wallet.
    private async Task<(OpenId4VciClient Client, AuthorizationCodeSession Session, Uri Redirect)> AuthorizeAsync()
    {
        var client = await ClientAsync();
        var resolved = await client.ResolveIssuerAsync(IssuerId, [Age]);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        Assert.Null(resolved.Value.Offer.PreAuthorizedCode);
        var session = await client.StartAuthorizationAsync(resolved.Value, new AuthorizationCodeRequest { RedirectUri = Redirect });
        Assert.True(session.IsValid, session.Error?.ToString());

        using (var page = await _http.GetAsync(session.Value.AuthorizationUrl))
        {
            Assert.True(page.IsSuccessStatusCode);
        }

        Assert.True(_pendingAuthorizations.TryDequeue(out var pendingId));
        var redirect = await _issuer.CompleteAuthorizationAsync(pendingId, "person-1");
        Assert.True(redirect.IsValid, redirect.Error?.ToString());
        return (client, session.Value, redirect.Value);
    }

    private static void AssertStored(ReceivedCredential received, string issuerId)
    {
        Assert.Equal(AgeVct, received.Imported.Vct);
        Assert.Equal(issuerId, received.Imported.Issuer);
    }

    [Fact]
    public async Task AuthorizationCode_ParPkceDpopAttestation_CredentialStoredAndVerified()
    {
        var (client, session, redirect) = await AuthorizeAsync();

        var received = await client.CompleteAuthorizationAsync(session, redirect, _wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        AssertStored(received.Value, IssuerId);
        Assert.Equal(CredentialNotificationEvent.CredentialAccepted, Assert.Single(_notifications).Event);

        // The notification_id remembers the token's DPoP binding: the token as Bearer is refused, the app hears nothing.
        var bearer = await client.NotifyAsync(received.Value.Notification! with { DpopKey = null }, CredentialNotificationEvent.CredentialDeleted);
        Assert.Equal(OpenId4VciErrors.InvalidToken, bearer.Error?.Code);
        Assert.Single(_notifications);
        var bound = await client.NotifyAsync(received.Value.Notification!, CredentialNotificationEvent.CredentialDeleted);
        Assert.True(bound.IsValid, bound.Error?.ToString());
        Assert.Equal(2, _notifications.Count);
    }

    [Fact]
    public async Task AuthorizationCode_Deferred_CompletedWithDpop_StoredAndAccepted()
    {
        _defer = true;
        var (client, session, redirect) = await AuthorizeAsync();

        var outcome = await client.CompleteAuthorizationOrDeferAsync(session, redirect, _wallet);
        Assert.True(outcome.IsValid, outcome.Error?.ToString());
        Assert.True(outcome.Value.IsPending);
        var pending = PendingCredential.Read(outcome.Value.Pending!.ToJson()).Value;
        Assert.NotNull(pending.DpopKey);
        Assert.Equal(Assert.Single(_deferred), pending.TransactionId);

        // Still pending: 202 again, asked with a DPoP proof.
        var stillPending = await client.CompleteDeferredAsync(pending, _wallet);
        Assert.True(stillPending.IsValid, stillPending.Error?.ToString());
        Assert.True(stillPending.Value.IsPending);

        // The app approves after the access token itself expired; the transaction kept the token's key binding.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await _issuer.ApproveDeferredAsync(pending.TransactionId, Dataset()));
        var completed = await client.CompleteDeferredAsync(pending, _wallet);

        Assert.True(completed.IsValid, completed.Error?.ToString());
        AssertStored(completed.Value.Received!, IssuerId);
        Assert.NotNull(completed.Value.Received!.Notification!.DpopKey);
        var notification = Assert.Single(_notifications);
        Assert.Equal(CredentialNotificationEvent.CredentialAccepted, notification.Event);
        Assert.Equal(pending.TransactionId, notification.TransactionId);
    }

    [Fact]
    public async Task Deferred_PollWithoutOrWithAnotherDpopKey_RefusedAndNotConsumed()
    {
        _defer = true;
        var (client, session, redirect) = await AuthorizeAsync();
        var outcome = await client.CompleteAuthorizationOrDeferAsync(session, redirect, _wallet);
        Assert.True(outcome.IsValid, outcome.Error?.ToString());
        var pending = outcome.Value.Pending!;
        Assert.True(await _issuer.ApproveDeferredAsync(pending.TransactionId, Dataset()));

        // The bound token presented as a Bearer token (RFC 9449 section 7.2).
        var bearer = await client.RequestDeferredCredentialAsync(_issuer.Metadata, pending with { DpopKey = null });
        Assert.Equal(OpenId4VciErrors.InvalidToken, bearer.Error?.Code);

        // The bound token with the DPoP scheme but without a proof, and with a valid proof by another key.
        var (noProofStatus, noProofError, _) = await PollAsync(pending, proofKey: null);
        Assert.Equal((401, "invalid_dpop_proof"), (noProofStatus, noProofError));
        using var stranger = SigningKey.Create(JwsAlgorithm.Es256);
        var (strangerStatus, strangerError, challenge) = await PollAsync(pending, stranger);
        Assert.Equal((401, "invalid_dpop_proof"), (strangerStatus, strangerError));
        Assert.StartsWith("DPoP ", challenge, StringComparison.Ordinal);

        // Nothing was consumed: the holder with the right key still gets the credential, once.
        var completed = await client.CompleteDeferredAsync(pending, _wallet);
        Assert.True(completed.IsValid, completed.Error?.ToString());
        AssertStored(completed.Value.Received!, IssuerId);
    }

    // A Deferred Credential Request with the DPoP scheme and, when a key is given, a proof by it with the server's nonce.
    private async Task<(int Status, string? Error, string Challenge)> PollAsync(PendingCredential pending, SigningKey? proofKey)
    {
        var url = new Uri(_issuer.DeferredCredentialEndpoint!);
        string? nonce = null;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(new DeferredCredentialRequest { TransactionId = pending.TransactionId }.ToJson(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(DpopProof.Scheme, pending.AccessToken);
            if (proofKey is not null)
            {
                request.Headers.Add(DpopProof.HeaderName, await DpopProof.CreateAsync(proofKey, "POST", url, _clock, nonce, pending.AccessToken));
            }

            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var error = body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
            var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
            if (attempt == 0 && error == "use_dpop_nonce" && response.Headers.TryGetValues(DpopProof.NonceHeaderName, out var nonces))
            {
                nonce = nonces.Single();
                continue;
            }

            return ((int)response.StatusCode, error, challenge);
        }
    }
}
