using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing.Ports;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// A real Kestrel issuer on 127.0.0.1:0 (issuer id <c>http://127.0.0.1:{port}/ipa</c>), its protocol state in SQLite,
/// a status list, a settable clock shared by issuer and wallet, and a wallet file with the holder service that trusts
/// the issuer's key. The signer, the state store and the status list store go through <see cref="Faults"/>, and the
/// server's logs are kept in <see cref="Logs"/>; <see cref="RestartAsync"/> starts a new server on the same port and
/// state database.
/// </summary>
internal sealed class IssuerTestBed : IAsyncDisposable
{
    public const string AgeConfiguration = "age_sd_jwt";
    public const string ExamConfiguration = "ipa_exam_pass_sd_jwt";
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    public const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";
    public const string DeniedSubject = "denied-subject";

    private readonly TempDatabase _stateDb = new();
    private readonly string _walletFolder = Path.Combine(Path.GetTempPath(), "credentials-oid4vci-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private Func<OpenId4VciIssuerOptions, OpenId4VciIssuerOptions> _configure = o => o;

    private IssuerTestBed()
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));

    public SigningKey IssuerKey { get; } = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026");

    public InMemoryStatusListStore StatusStore { get; } = new();

    public string Origin { get; private set; } = string.Empty;

    public string IssuerId => Origin + "/ipa";

    public string StatusListUri => Origin + "/status/1";

    public OpenId4VciIssuer Issuer { get; private set; } = null!;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public SdJwtVcVerifier Verifier { get; private set; } = null!;

    public OpenId4VciClient Client { get; private set; } = null!;

    public List<CredentialIssuanceContext> Requests { get; } = [];

    /// <summary>What the endpoint's <see cref="OpenId4VciEndpointOptions.OnCredentialIssued"/> was told, in order.</summary>
    public List<CredentialIssuedContext> Issued { get; } = [];

    public Faults Faults { get; } = new();

    public CapturedLogs Logs { get; private set; } = new();

    public static async Task<IssuerTestBed> StartAsync(Func<OpenId4VciIssuerOptions, OpenId4VciIssuerOptions>? configure = null)
    {
        var bed = new IssuerTestBed();
        await bed.InitializeAsync(configure ?? (o => o));
        return bed;
    }

    private async Task InitializeAsync(Func<OpenId4VciIssuerOptions, OpenId4VciIssuerOptions> configure)
    {
        _configure = configure;
        var statusManager = await StartServerAsync("http://127.0.0.1:0");
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = "http://127.0.0.1:" + new Uri(address).Port;
        await statusManager.CreateListAsync(StatusListUri, 2, 1024);
        Issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();

        Directory.CreateDirectory(_walletFolder);
        var store = await WalletStore.CreateAsync(Path.Combine(_walletFolder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(store.IsValid, store.Error?.ToString());
        Store = store.Value;
        Verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, IssuerKey.PublicJwk)]), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        Wallet = new CredentialWallet(Store, Verifier, new CredentialWalletOptions { Locale = "ja-JP", TimeProvider = Clock, ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        Client = new OpenId4VciClient(Http, new OpenId4VciClientOptions { Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback }, TimeProvider = Clock });
    }

    /// <summary>Stops the server and starts a new one on the same address over the same state database (a process restart).</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // The same address: offers, tokens and the issuer identifier name it. Another process may hold the port for a
        // moment after it was released, so the start is tried again while the address is in use.
        await LoopbackPort.OnSamePortAsync(() => StartServerAsync(Origin));
        Issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();
    }

    private async Task<StatusListIssuer> StartServerAsync(string url)
    {
        var statusManager = new StatusListIssuer(new FaultyStatusListStore(StatusStore, Faults), new StatusListTokenIssuer(IssuerKey, new StatusListTokenIssuerOptions { TimeProvider = Clock }));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        Logs = new CapturedLogs();
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<IProtocolStateStore>(new FaultyProtocolStateStore(new SqliteProtocolStateStore(_stateDb.Path), Faults));
        builder.Services.AddOpenId4VciIssuer(_ => _configure(new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = new FaultySigner(IssuerKey, Faults),
            AllowHttp = true,
            TimeProvider = Clock,
            BatchSize = 5,
            StatusLists = statusManager,
            StatusListUri = StatusListUri,
            Display = [new IssuerDisplay { Name = "情報処理推進機構（サンプル）", Locale = "ja-JP" }, new IssuerDisplay { Name = "IPA (sample)", Locale = "en-US" }],
            CredentialConfigurations =
            [
                new IssuerCredentialConfiguration
                {
                    Id = ExamConfiguration,
                    Vct = ExamVct,
                    Display = [new CredentialDisplay { Name = "情報処理技術者試験 合格証明書", Locale = "ja-JP" }, new CredentialDisplay { Name = "IPA exam pass certificate", Locale = "en-US" }],
                },
                new IssuerCredentialConfiguration
                {
                    Id = AgeConfiguration,
                    Vct = AgeVct,
                    Display = [new CredentialDisplay { Name = "年齢確認証明書", Locale = "ja-JP" }, new CredentialDisplay { Name = "Age credential", Locale = "en-US" }],
                },
            ],
            ResolveDataset = ResolveDatasetAsync,
        }));
        _app = builder.Build();
        _app.MapOpenId4VciIssuer("/ipa", new OpenId4VciEndpointOptions
        {
            OnCredentialIssued = issued =>
            {
                lock (Issued)
                {
                    Issued.Add(issued);
                }

                return Task.CompletedTask;
            },
        });
        try
        {
            await _app.StartAsync();
        }
        catch
        {
            await _app.DisposeAsync();
            throw;
        }

        return statusManager;
    }

    private ValueTask<CredentialDataset?> ResolveDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(context);
        }

        if (context.SubjectId == DeniedSubject)
        {
            return ValueTask.FromResult<CredentialDataset?>(null);
        }

        var claims = context.CredentialConfigurationId == AgeConfiguration
            ? SdJwtPayload.Create().Object("age_equal_or_over", a => a.Disclosable("18", true).Disclosable("20", true)).Claim("issuing_country", "JP")
            : SdJwtPayload.Create()
                .Object("exam", e => e.Claim("category_code", "FE").Claim("name", "基本情報技術者試験"))
                .Disclosable("certificate_number", "2026-05-01234")
                .Disclosable("family_name", "高橋")
                .Disclosable("given_name", "結衣")
                .Claim("issuing_country", "JP");
        return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = claims, ExpiresAt = Clock.GetUtcNow().AddDays(730) });
    }

    public ValueTask<CreatedCredentialOffer> OfferAsync(string? pin = null, string configuration = ExamConfiguration, string subject = "exam-2026-05-01234", IReadOnlyList<string>? configurations = null)
        => Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = configurations ?? [configuration],
            SubjectId = subject,
            TransactionCode = pin is null ? null : new OfferTransactionCode { Value = pin, Description = "SMSで届いた6桁の番号を入力してください" },
        });

    public async Task<ResolvedCredentialOffer> ResolveAsync(CreatedCredentialOffer offer, bool byReference = false)
    {
        var resolved = await Client.ResolveOfferAsync(byReference ? offer.ByReferenceLink : offer.ByValueLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        return resolved.Value;
    }

    public async Task<string> TokenAsync(CreatedCredentialOffer offer, string? pin = null)
    {
        var token = await Client.RequestTokenAsync(await ResolveAsync(offer), pin);
        Assert.True(token.IsValid, token.Error?.ToString());
        return token.Value.AccessToken;
    }

    public async Task<string> NonceAsync()
    {
        var nonce = await Client.RequestNonceAsync(Issuer.NonceEndpoint);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        return nonce.Value;
    }

    public ValueTask<string> ProofAsync(SigningKey key, string nonce, string? audience = null, Jwk? headerKey = null)
        => JwtKeyProof.CreateAsync(key, headerKey ?? key.PublicJwk, audience ?? IssuerId, nonce, Clock.GetUtcNow());

    public ValueTask<VerificationResult<CredentialResponse>> CredentialAsync(string token, IReadOnlyList<string>? proofs, string configuration = ExamConfiguration)
        => Client.RequestCredentialAsync(Issuer.Metadata, token, new CredentialRequest { CredentialConfigurationId = configuration, JwtProofs = proofs });

    /// <summary>Posts raw JSON to the Credential Endpoint and returns the status, the error, and the WWW-Authenticate header.</summary>
    public async Task<(int Status, string? Error, string? Challenge)> PostCredentialRawAsync(string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer.CredentialEndpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await ErrorOf(response), response.Headers.WwwAuthenticate.ToString() is { Length: > 0 } c ? c : null);
    }

    /// <summary>Posts a raw body to an endpoint and returns the status, the JSON error and the Content-Type.</summary>
    public async Task<(int Status, string? Error, string? ContentType)> PostRawAsync(string url, HttpContent content)
    {
        using var response = await Http.PostAsync(url, content);
        return ((int)response.StatusCode, await ErrorOf(response), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Posts a raw form to the token endpoint.</summary>
    public async Task<(int Status, string? Error)> PostTokenRawAsync(params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await Http.PostAsync(Issuer.TokenEndpoint, content);
        return ((int)response.StatusCode, await ErrorOf(response));
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        return ProtocolErrorResponse.TryParse(body)?.Error;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store?.Dispose();
        Http.Dispose();
        IssuerKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _stateDb.Dispose();
        try
        {
            Directory.Delete(_walletFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class JsonHelpers
{
    public static JsonElement PayloadOf(string sdJwt) => global::Credentials.SdJwt.SdJwtToken.Read(sdJwt).Value.IssuerSignedJwt is { } jwt
        ? Jws.ReadCompact(jwt).Value.ParsePayload().Value
        : default;
}
