using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing.Ports;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vp;

/// <summary>How the verifier identifies itself.</summary>
public enum VerifierKind
{
    /// <summary><c>decentralized_identifier:did:key:…</c>, signed Request Objects.</summary>
    Did,

    /// <summary><c>redirect_uri:…</c>, unsigned requests by value.</summary>
    RedirectUri,

    /// <summary><c>x509_san_dns:localhost</c>, Request Objects signed with a leaf certificate for <c>localhost</c> in <c>x5c</c>.</summary>
    X509SanDns,
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 hosting an OpenID4VP verifier (registered with <c>AddOpenId4VpVerifier</c>,
/// mapped with <c>MapOpenId4VpVerifier</c>, transactions in SQLite) and the issuer's Token Status List; an issuer that
/// issues age credentials in-test with <see cref="SdJwtVcIssuer"/>; and a wallet (encrypted SQLite file, holder service,
/// OpenID4VP client over HTTP on loopback).
/// </summary>
internal sealed class OpenId4VpTestBed : IAsyncDisposable
{
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    public const string StatusPath = "/statuslists/1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-openid4vp-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _statusKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly InMemoryStatusListStore _statusStore = new();
    private WebApplication? _app;
    private SqliteProtocolStateStore? _state;

    private OpenId4VpTestBed()
    {
        Directory.CreateDirectory(_folder);
    }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public string Origin { get; private set; } = string.Empty;

    public string IssuerId => Origin + "/issuer";

    public string StatusListUri => Origin + StatusPath;

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public StatusListIssuer StatusLists { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    public HolderKeyInfo HolderKey { get; private set; } = null!;

    public Did VerifierDid { get; private set; } = null!;

    /// <summary>For <see cref="VerifierKind.X509SanDns"/>: the root the wallet trusts and the verifier's leaf for <c>localhost</c>.</summary>
    public (System.Security.Cryptography.X509Certificates.X509Certificate2 Root, System.Security.Cryptography.X509Certificates.X509Certificate2 Leaf)? VerifierCertificates { get; private set; }

    private readonly SigningKey _rootKey = SigningKey.Create(JwsAlgorithm.Es256);

    /// <summary>The verifier's protocol state (SQLite).</summary>
    public IProtocolStateStore State => _state!;

    public static async Task<OpenId4VpTestBed> StartAsync(VerifierKind kind = VerifierKind.Did, Uri? redirectUri = null, string? requestUriMethod = null, bool encrypted = false)
    {
        var bed = new OpenId4VpTestBed();
        await bed.InitializeAsync(kind, redirectUri, requestUriMethod, encrypted);
        return bed;
    }

    private VerifierKind _kind;
    private Uri? _redirectUri;
    private string? _requestUriMethod;
    private bool _encrypted;

    /// <summary>Stops the verifier and starts a new one on the same port and the same SQLite state file (a process restart).</summary>
    public async Task RestartVerifierAsync()
    {
        var port = new Uri(Origin).Port;
        await _app!.StopAsync();
        await _app.DisposeAsync();
        _app = null;

        // The same address: the client identifier, response URI and expected origins name it. Another process may
        // hold the port for a moment after it was released, so the start is tried again while the address is in use.
        await LoopbackPort.OnSamePortAsync(() => StartVerifierAsync(port));
    }

    private async Task InitializeAsync(VerifierKind kind, Uri? redirectUri, string? requestUriMethod, bool encrypted)
    {
        (_kind, _redirectUri, _requestUriMethod, _encrypted) = (kind, redirectUri, requestUriMethod, encrypted);
        VerifierDid = DidKey.Create(_verifierKey);
        if (kind == VerifierKind.X509SanDns)
        {
            var root = Credentials.OpenId4Vp.VerifierCertificates.CreateRoot(_rootKey, "Test Verifier Root", TimeSpan.FromDays(30));
            VerifierCertificates = (root, Credentials.OpenId4Vp.VerifierCertificates.CreateLeaf(_rootKey, root, _verifierKey, "localhost", TimeSpan.FromDays(7)));
        }

        await StartVerifierAsync(0);
        await InitializeWalletAsync();
    }

    private async Task StartVerifierAsync(int port)
    {
        var (kind, redirectUri, requestUriMethod) = (_kind, _redirectUri, _requestUriMethod);
        var responseMode = _encrypted ? OpenId4VpConstants.ResponseModeDirectPostJwt : OpenId4VpConstants.ResponseModeDirectPost;
        var dcApiResponseMode = _encrypted ? OpenId4VpConstants.ResponseModeDcApiJwt : OpenId4VpConstants.ResponseModeDcApi;
        _state = new SqliteProtocolStateStore(Path.Combine(_folder, "verifier.db"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Services.AddSingleton<IStatusListStore>(_statusStore);
        builder.Services.AddSingleton<IProtocolStateStore>(_state);
        builder.Services.AddSingleton(_ => CreateCredentialVerifier());
        builder.Services.AddOpenId4VpVerifier(_ =>
        {
            var responseUri = new Uri(Origin + "/openid4vp/response");
            if (kind == VerifierKind.X509SanDns)
            {
                return new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForX509SanDns("localhost").Value,
                    ResponseUri = responseUri,
                    RequestUriBase = new Uri(Origin + "/openid4vp/request"),
                    RequestSigner = _verifierKey,
                    RequestCertificateChain = [VerifierCertificates!.Value.Leaf],
                    RequestUriMethod = requestUriMethod,
                    RedirectUri = redirectUri,
                    ResponseMode = responseMode,
                    Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Required },
                };
            }

            return kind == VerifierKind.Did
                ? new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForDid(VerifierDid.Value).Value,
                    ResponseUri = responseUri,
                    RequestUriBase = new Uri(Origin + "/openid4vp/request"),
                    RequestSigner = _verifierKey,
                    RequestSignerKeyId = DidKey.GetKeyId(VerifierDid).Value,
                    RequestUriMethod = requestUriMethod,
                    RedirectUri = redirectUri,
                    ExpectedOrigins = [Origin],
                    ResponseMode = responseMode,
                    DcApiResponseMode = dcApiResponseMode,
                    Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Required },
                }
                : new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForRedirectUri(responseUri).Value,
                    ResponseUri = responseUri,
                    RedirectUri = redirectUri,
                    ExpectedOrigins = [Origin],
                    ResponseMode = responseMode,
                    DcApiResponseMode = dcApiResponseMode,
                    Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Required },
                };
        });
        _app = builder.Build();
        _app.MapStatusLists(StatusPath, context => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}");
        _app.MapOpenId4VpVerifier(new OpenId4VpEndpointOptions { DcApiQuery = _ => AgeOver20Query() });
        try
        {
            await _app.StartAsync();
        }
        catch
        {
            await _app.DisposeAsync();
            _app = null;
            throw;
        }

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // x509_san_dns needs a DNS name, and the response_uri host must be it.
        Origin = (_kind == VerifierKind.X509SanDns ? "http://localhost:" : "http://127.0.0.1:") + new Uri(address).Port;
        Verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();
    }

    private async Task InitializeWalletAsync()
    {
        StatusLists = new StatusListIssuer(_statusStore, new StatusListTokenIssuer(_statusKey));
        Assert.True(await StatusLists.CreateListAsync(StatusListUri, 1, 1024));

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        HolderKey = key.Value;
        var importVerifier = new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions());
        Wallet = new CredentialWallet(Store, importVerifier, new CredentialWalletOptions { Locale = "ja-JP", ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        Client = new OpenId4VpWalletClient(Http, Wallet, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            RequestReader = VerifierCertificates is { } certificates ? new OpenId4VpRequestReaderOptions { TrustAnchors = [certificates.Root] } : OpenId4VpRequestReaderOptions.Default,
        });
    }

    public TrustList Trust()
        => new([new TrustedIssuer { Issuer = IssuerId, Name = "年齢確認サービス (test)", Keys = [_issuerKey.PublicJwk], CredentialTypes = [AgeVct] }]);

    private SdJwtVcVerifier CreateCredentialVerifier()
    {
        var statusTokens = new StatusListTokenVerifier(new StaticIssuerKeyResolver(_statusKey.PublicJwk), new StatusListTokenVerifierOptions());
        var statusLists = new HttpStatusListResolver(Http, statusTokens, new HttpStatusListResolverOptions { Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } });
        return new SdJwtVcVerifier(Trust(), statusLists, options: new SdJwtVcVerifierOptions());
    }

    /// <summary>Issues an age credential (age_over_18, age_over_20, birth_date disclosable) with a status list entry, publishes the list, and imports it into the wallet.</summary>
    public async Task<StatusReference> IssueIntoWalletAsync(bool ageOver20 = true)
    {
        var reference = await StatusLists.TryAllocateAsync(StatusListUri);
        Assert.NotNull(reference);
        await StatusLists.PublishAsync(StatusListUri);
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });
        var issued = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeVct,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", ageOver20).Disclosable("birth_date", "2004-05-06").Claim("issuing_country", "JP"),
            HolderKey = HolderKey.PublicJwk,
            Status = reference,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var imported = await Wallet.ImportAsync(issued.Serialize());
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return reference!;
    }

    public static DcqlQuery AgeOver20Query()
    {
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}
            """);
        Assert.True(query.IsValid, query.Error?.ToString());
        return query.Value;
    }

    /// <summary>Posts a form to the Response URI as a wallet would.</summary>
    public async Task<HttpResponseMessage> PostResponseAsync(IEnumerable<KeyValuePair<string, string>> form)
        => await Http.PostAsync(Origin + "/openid4vp/response", new FormUrlEncodedContent(form));

    /// <summary>A vp_token built by the holder service for any client id and nonce (to forge wrong bindings).</summary>
    public async Task<string> VpTokenForAsync(DcqlQuery query, string clientId, string nonce)
    {
        var plan = await Wallet.PrepareAsync(new PresentationRequest(query, clientId, nonce));
        Assert.True(plan.IsValid, plan.Error?.ToString());
        var response = await Wallet.RespondAsync(plan.Value, PresentationConsent.Approve);
        Assert.True(response.IsValid, response.Error?.ToString());
        return response.Value.ToVpTokenJson();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Store?.Dispose();
        Http.Dispose();
        _issuerKey.Dispose();
        _statusKey.Dispose();
        _verifierKey.Dispose();
        _rootKey.Dispose();
        VerifierCertificates?.Root.Dispose();
        VerifierCertificates?.Leaf.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
