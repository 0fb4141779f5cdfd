using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// A real Kestrel app on 127.0.0.1: an OpenID4VP verifier (DID client identifier, signed or unsigned DC API requests)
/// with its Digital Credentials API endpoints and the test page; an issuer of age credentials (SD-JWT VC) in-test; and
/// a wallet (encrypted SQLite file, holder service, OpenID4VP wallet client) holding one of them.
/// </summary>
internal sealed class DcApiVerifierBed : IAsyncDisposable
{
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private WebApplication? _app;

    private DcApiVerifierBed()
    {
        Directory.CreateDirectory(_folder);
    }

    /// <summary>The page's request endpoint for unsigned requests (the verifier's own, Origin-checked).</summary>
    public const string RequestPath = "/openid4vp/dc-api/request";

    /// <summary>The page's request endpoint for signed requests (<c>expected_origins</c>).</summary>
    public const string SignedRequestPath = RequestPath + "?signed=true";

    /// <summary>The verifier's endpoint for the posted answer (Origin-checked).</summary>
    public const string ResponsePath = "/openid4vp/dc-api/response";

    /// <summary>
    /// A request endpoint without the Origin check, as a foreign site would relay the verifier's requests to its own
    /// page: <c>?signed=true|false</c>.
    /// </summary>
    public const string RelayPath = "/relay/dc-api/request";

    /// <summary>The test page that uses <see cref="SignedRequestPath"/>.</summary>
    public const string SignedPagePath = "/signed";

    /// <summary>The test page that uses <see cref="RelayPath"/> (signed requests).</summary>
    public const string RelayedSignedPagePath = "/relayed-signed";

    /// <summary>The test page that uses <see cref="RelayPath"/> (unsigned requests).</summary>
    public const string RelayedUnsignedPagePath = "/relayed-unsigned";

    /// <summary>The same server under another Origin, <c>http://localhost:port</c> (a foreign page for the verifier).</summary>
    public string ForeignOrigin { get; private set; } = string.Empty;

    /// <summary>Starts the app; <paramref name="responseMode"/> is the DC API Response Mode (<c>dc_api</c> or the encrypted <c>dc_api.jwt</c>).</summary>
    public static async Task<DcApiVerifierBed> StartAsync(string responseMode = OpenId4VpConstants.ResponseModeDcApi)
    {
        var bed = new DcApiVerifierBed();
        await bed.InitializeAsync(responseMode);
        return bed;
    }

    private async Task InitializeAsync(string responseMode)
    {
        VerifierDid = DidKey.Create(_verifierKey);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore());
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions()));
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForDid(VerifierDid.Value).Value,
            ResponseUri = new Uri(Origin + "/openid4vp/response"),
            RequestSigner = _verifierKey,
            RequestSignerKeyId = DidKey.GetKeyId(VerifierDid).Value,
            ExpectedOrigins = [Origin],
            DcApiResponseMode = responseMode,
            Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Skip, TypeMetadata = TypeMetadataCheck.Skip },
        });
        _app = builder.Build();
        DcApiTestPage.Map(_app, RequestPath, ResponsePath);
        DcApiTestPage.MapPage(_app, SignedPagePath, SignedRequestPath, ResponsePath);
        DcApiTestPage.MapPage(_app, RelayedSignedPagePath, RelayPath + "?signed=true", ResponsePath);
        DcApiTestPage.MapPage(_app, RelayedUnsignedPagePath, RelayPath + "?signed=false", ResponsePath);
        _app.MapOpenId4VpVerifier(new AspNetCore.OpenId4VpEndpointOptions { DcApiQuery = _ => AgeOver20Query() });
        _app.MapPost(RelayPath, async (HttpContext context, OpenId4VpVerifier verifier) =>
        {
            var signed = context.Request.Query["signed"] == "true";
            var transaction = await verifier.CreateDigitalCredentialsApiRequestAsync(AgeOver20Query(), signed);
            return Results.Content(transaction.ToJson(), "application/json");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        Origin = "http://127.0.0.1:" + port;
        ForeignOrigin = "http://localhost:" + port;
        Verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        HolderKey = key.Value;
        var importVerifier = new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions());
        Wallet = new CredentialWallet(Store, importVerifier, new CredentialWalletOptions { Locale = "ja-JP", ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        Client = new OpenId4VpWalletClient(Http, Wallet);
    }

    public HttpClient Http { get; } = new();

    /// <summary>The server's warnings and errors.</summary>
    public ServerLog Log { get; } = new();

    /// <summary>The page's Origin, <c>http://127.0.0.1:port</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    public string PageUrl => Origin + DcApiTestPage.Path;

    public string IssuerId => Origin + "/issuer";

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    public HolderKeyInfo HolderKey { get; private set; } = null!;

    public Did VerifierDid { get; private set; } = null!;

    public TrustList Trust()
        => new([new TrustedIssuer { Issuer = IssuerId, Name = "年齢確認サービス (test)", Keys = [_issuerKey.PublicJwk], CredentialTypes = [AgeVct] }]);

    public static DcqlQuery AgeOver20Query()
    {
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}
            """);
        Assert.True(query.IsValid, query.Error?.ToString());
        return query.Value;
    }

    /// <summary>Issues an age credential (age_over_18, age_over_20, birth_date disclosable, issuing_country always shown) and imports it into the wallet.</summary>
    public async Task IssueIntoWalletAsync()
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });
        var issued = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeVct,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2004-05-06"),
            HolderKey = HolderKey.PublicJwk,
            ExpiresAt = TimeProvider.System.GetUtcNow().AddDays(30),
        });
        var imported = await Wallet.ImportAsync(issued.Serialize());
        Assert.True(imported.IsValid, imported.Error?.ToString());
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
        _verifierKey.Dispose();
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
