using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Mdoc;
using Credentials.Mdoc.Certificates;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
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

namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// A real Kestrel app on 127.0.0.1 for ISO mdoc over the Digital Credentials API: an OpenID4VP verifier (DID client
/// identifier, unsigned DC API requests asking for an <c>mso_mdoc</c> mDL's <c>age_over_20</c>) trusting one test IACA
/// (<see cref="OpenId4VpVerifierOptions.Mdoc"/>), its DC API endpoints and the test page; a document signer under that
/// IACA issuing mDLs in-test; and a wallet (encrypted SQLite file, mdoc import verifier, OpenID4VP wallet client).
/// </summary>
internal sealed class DcApiMdocVerifierBed : IAsyncDisposable
{
    public const string MdlDocType = "org.iso.18013.5.1.mDL";
    public const string MdlNameSpace = "org.iso.18013.5.1";

    /// <summary>How the verifier's result names the requested element (namespace and element, dotted).</summary>
    public const string AgeOver20Name = MdlNameSpace + ".age_over_20";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _iacaKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _documentSignerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private WebApplication? _app;

    private DcApiMdocVerifierBed()
    {
        Directory.CreateDirectory(_folder);
        Iaca = MdocCertificates.CreateIaca(_iacaKey, new IacaCertificateOptions { CommonName = "Browser Test IACA", IssuerUri = new Uri("https://iaca.example.jp") });
        DocumentSigner = MdocCertificates.CreateDocumentSigner(_iacaKey, Iaca, _documentSignerKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "Browser Test DS" });
    }

    /// <summary>Starts the app; <paramref name="responseMode"/> is the DC API Response Mode (<c>dc_api</c> or the encrypted <c>dc_api.jwt</c>).</summary>
    public static async Task<DcApiMdocVerifierBed> StartAsync(string responseMode = OpenId4VpConstants.ResponseModeDcApi)
    {
        var bed = new DcApiMdocVerifierBed();
        await bed.InitializeAsync(responseMode);
        return bed;
    }

    private async Task InitializeAsync(string responseMode)
    {
        var verifierDid = DidKey.Create(_verifierKey);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new InMemoryProtocolStateStore());
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(new TrustList([]), options: new SdJwtVcVerifierOptions()));
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForDid(verifierDid.Value).Value,
            ResponseUri = new Uri(Origin + "/openid4vp/response"),
            RequestSigner = _verifierKey,
            RequestSignerKeyId = DidKey.GetKeyId(verifierDid).Value,
            ExpectedOrigins = [Origin],
            DcApiResponseMode = responseMode,
            Mdoc = new MdocVerifierOptions { TrustAnchors = [Iaca] },
        });
        _app = builder.Build();
        DcApiTestPage.Map(_app, DcApiVerifierBed.RequestPath, DcApiVerifierBed.ResponsePath);
        _app.MapOpenId4VpVerifier(new AspNetCore.OpenId4VpEndpointOptions { DcApiQuery = _ => AgeOver20Query() });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = "http://127.0.0.1:" + new Uri(address).Port;
        Verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        HolderKey = key.Value;
        var sdJwtVerifier = new SdJwtVcVerifier(new TrustList([]), options: new SdJwtVcVerifierOptions());
        Wallet = new CredentialWallet(Store, sdJwtVerifier, new CredentialWalletOptions
        {
            Locale = "ja-JP",
            ImportStatus = StatusCheck.Skip,
            MdocVerifier = new MdocVerifier(new MdocVerifierOptions { TrustAnchors = [Iaca] }),
        });
        // The wallet declares mso_mdoc besides SD-JWT VC (OpenID4VP section 5.1 vp_formats_supported / the query's formats).
        Client = new OpenId4VpWalletClient(Http, Wallet, new OpenId4VpWalletClientOptions
        {
            RequestReader = OpenId4VpWalletClientOptions.Default.RequestReader with { SupportedFormats = [DcqlFormats.SdJwtVc, DcqlFormats.MsoMdoc] },
        });
    }

    public HttpClient Http { get; } = new();

    /// <summary>The server's warnings and errors.</summary>
    public ServerLog Log { get; } = new();

    /// <summary>The page's Origin, <c>http://127.0.0.1:port</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    public string PageUrl => Origin + DcApiTestPage.Path;

    public X509Certificate2 Iaca { get; }

    public X509Certificate2 DocumentSigner { get; }

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    public HolderKeyInfo HolderKey { get; private set; } = null!;

    /// <summary>The mDL query: <c>mso_mdoc</c>, <c>doctype_value</c> the mDL, one claim <c>[namespace, "age_over_20"]</c> that must be true.</summary>
    public static DcqlQuery AgeOver20Query()
    {
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"{{MdlDocType}}"},"claims":[{"path":["{{MdlNameSpace}}","age_over_20"],"values":[true]}]}]}
            """);
        Assert.True(query.IsValid, query.Error?.ToString());
        return query.Value;
    }

    /// <summary>The mDL's elements: names, birth date, address and portrait besides the age attestations.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, MdocValue>> MdlElements() => new Dictionary<string, IReadOnlyDictionary<string, MdocValue>>
    {
        [MdlNameSpace] = new Dictionary<string, MdocValue>
        {
            ["family_name"] = MdocValue.FromText("Yamada"),
            ["given_name"] = MdocValue.FromText("Hanako"),
            ["family_name_national_character"] = MdocValue.FromText("山田"),
            ["birth_date"] = MdocValue.FromFullDate(new DateOnly(2002, 4, 2)),
            ["portrait"] = MdocValue.FromBytes([0xff, 0xd8, 0xff, 0xe0, 0x01, 0x02]),
            ["resident_address"] = MdocValue.FromText("東京都千代田区千代田1-1"),
            ["age_over_18"] = MdocValue.FromBoolean(true),
            ["age_over_20"] = MdocValue.FromBoolean(true),
            ["issuing_country"] = MdocValue.FromText("JP"),
        },
    };

    /// <summary>Everything of <see cref="MdlElements"/> that must never reach the page: every other element's name and its text value.</summary>
    public static IReadOnlyList<string> Undisclosed { get; } =
        ["family_name", "given_name", "Yamada", "Hanako", "山田", "birth_date", "2002-04-02", "portrait", "resident_address", "東京都", "age_over_18", "issuing_country"];

    /// <summary>Issues an mDL (device key: the wallet's holder key) under the test IACA and imports it into the wallet.</summary>
    public async Task IssueIntoWalletAsync()
    {
        var issuer = new MdocIssuer(_documentSignerKey, [DocumentSigner], new MdocIssuerOptions { Validity = TimeSpan.FromDays(30) });
        var mdoc = await issuer.IssueAsync(new MdocIssuance { DocType = MdlDocType, NameSpaces = MdlElements(), DeviceKey = HolderKey.PublicJwk });
        var imported = await Wallet.ImportMdocAsync(mdoc.Encode());
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
        _verifierKey.Dispose();
        _iacaKey.Dispose();
        _documentSignerKey.Dispose();
        Iaca.Dispose();
        DocumentSigner.Dispose();
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
