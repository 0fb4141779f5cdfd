using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>How our verifier identifies itself.</summary>
public enum InteropVerifierKind
{
    /// <summary><c>decentralized_identifier:did:key:…</c>, signed Request Objects (by value and by reference).</summary>
    Did,

    /// <summary><c>redirect_uri:…</c>, unsigned requests by value.</summary>
    RedirectUri,

    /// <summary>
    /// <c>x509_san_dns:localhost</c>: Request Objects signed with the key of a leaf certificate (dNSName <c>localhost</c>)
    /// issued by a test root, sent in <c>x5c</c> without the root; the Response URI's host is <c>localhost</c>.
    /// </summary>
    X509SanDns,

    /// <summary><c>x509_hash:…</c>: the base64url SHA-256 of the same kind of leaf certificate.</summary>
    X509Hash,
}

/// <summary>
/// Our OpenID4VP verifier on a real Kestrel server at <c>http://127.0.0.1:{port}</c> (transactions in a temporary SQLite
/// file), an in-test SD-JWT VC issuer of age credentials, and our wallet (encrypted SQLite file with the holder service)
/// holding one such credential bound to a holder key.
/// </summary>
internal sealed class InteropVerifier : IAsyncDisposable
{
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-interop-oid4vp-" + Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _rootKey = SigningKey.Create(JwsAlgorithm.Es256);
    private WebApplication? _app;

    private InteropVerifier()
    {
        Directory.CreateDirectory(_folder);
        VerifierRoot = VerifierCertificates.CreateRoot(_rootKey, "Interop Test Verifier Root", TimeSpan.FromDays(1));
        VerifierLeaf = VerifierCertificates.CreateLeaf(_rootKey, VerifierRoot, _verifierKey, X509DnsName, TimeSpan.FromHours(12));
    }

    /// <summary>The dNSName of the x509 verifiers' leaf certificate.</summary>
    public const string X509DnsName = "localhost";

    /// <summary>The test root that issued the x509 verifiers' leaf (the wallets' trust anchor; never sent in x5c).</summary>
    public X509Certificate2 VerifierRoot { get; }

    /// <summary>The x509 verifiers' leaf certificate, certifying the Request Object signing key.</summary>
    public X509Certificate2 VerifierLeaf { get; }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public string Origin { get; private set; } = string.Empty;

    public string IssuerId => "https://issuer.example.jp/age";

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public HolderKeyInfo HolderKey { get; private set; } = null!;

    public Did VerifierDid { get; private set; } = null!;

    /// <summary>Every request the verifier's host received (method, URL, headers, form).</summary>
    public RecordedRequests Received { get; } = new();

    /// <summary>Starts the verifier; <paramref name="requestUriMethod"/> is announced as <c>request_uri_method</c> (<c>post</c>) when given.</summary>
    public static async Task<InteropVerifier> StartAsync(InteropVerifierKind kind, string? requestUriMethod = null)
    {
        var bed = new InteropVerifier();
        await bed.InitializeAsync(kind, requestUriMethod);
        return bed;
    }

    private async Task InitializeAsync(InteropVerifierKind kind, string? requestUriMethod)
    {
        VerifierDid = DidKey.Create(_verifierKey);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(Path.Combine(_folder, "verifier.db")));
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions()));
        builder.Services.AddOpenId4VpVerifier(_ =>
        {
            var responseUri = new Uri(Origin + "/openid4vp/response");
            var policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Skip };
            if (kind is InteropVerifierKind.X509SanDns or InteropVerifierKind.X509Hash)
            {
                // Section 5.9.3: the Response URI's host is the x509_san_dns name (same loopback server, other host name).
                return new OpenId4VpVerifierOptions
                {
                    ClientId = kind == InteropVerifierKind.X509SanDns
                        ? ClientIdentifier.ForX509SanDns(X509DnsName).Value
                        : ClientIdentifier.ForX509Hash(VerifierLeaf).Value,
                    ResponseUri = new Uri("http://" + X509DnsName + ":" + new Uri(Origin).Port + "/openid4vp/response"),
                    RequestUriBase = new Uri(Origin + "/openid4vp/request"),
                    RequestSigner = _verifierKey,
                    RequestCertificateChain = [VerifierLeaf],
                    RequestUriMethod = requestUriMethod,
                    Policy = policy,
                };
            }

            return kind == InteropVerifierKind.Did
                ? new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForDid(VerifierDid.Value).Value,
                    ResponseUri = responseUri,
                    RequestUriBase = new Uri(Origin + "/openid4vp/request"),
                    RequestSigner = _verifierKey,
                    RequestSignerKeyId = DidKey.GetKeyId(VerifierDid).Value,
                    RequestUriMethod = requestUriMethod,
                    Policy = policy,
                }
                : new OpenId4VpVerifierOptions
                {
                    ClientId = ClientIdentifier.ForRedirectUri(responseUri).Value,
                    ResponseUri = responseUri,
                    Policy = policy,
                };
        });
        _app = builder.Build();
        Received.Use(_app);
        _app.MapOpenId4VpVerifier();
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
        Wallet = new CredentialWallet(Store, new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions()), new CredentialWalletOptions { Locale = "ja-JP", ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });

        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });
        var issued = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeVct,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2004-05-06").Claim("issuing_country", "JP"),
            HolderKey = HolderKey.PublicJwk,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var imported = await Wallet.ImportAsync(issued.Serialize());
        Assert.True(imported.IsValid, imported.Error?.ToString());
    }

    private TrustList Trust()
        => new([new TrustedIssuer { Issuer = IssuerId, Name = "Age service (interop test)", Keys = [_issuerKey.PublicJwk], CredentialTypes = [AgeVct] }]);

    public static DcqlQuery AgeOver20Query()
    {
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}
            """);
        Assert.True(query.IsValid, query.Error?.ToString());
        return query.Value;
    }

    /// <summary>The vp_token our holder service builds for the request (DCQL JSON object).</summary>
    public async Task<string> VpTokenForAsync(AuthorizationRequest request)
    {
        var plan = await Wallet.PrepareAsync(new PresentationRequest(request.DcqlQuery, request.ClientId, request.Nonce));
        Assert.True(plan.IsValid, plan.Error?.ToString());
        var response = await Wallet.RespondAsync(plan.Value, PresentationConsent.Approve);
        Assert.True(response.IsValid, response.Error?.ToString());
        return response.Value.ToVpTokenJson();
    }

    public async Task<HttpResponseMessage> PostResponseAsync(IEnumerable<KeyValuePair<string, string>> form)
        => await Http.PostAsync(Origin + "/openid4vp/response", new FormUrlEncodedContent(form));

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
        _rootKey.Dispose();
        VerifierRoot.Dispose();
        VerifierLeaf.Dispose();
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
