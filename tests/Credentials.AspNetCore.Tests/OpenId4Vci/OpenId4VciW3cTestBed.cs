using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.OpenId4Vp;
using Credentials.Dcql;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Credentials.Wallet;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// One Kestrel app on 127.0.0.1 hosting an OpenID4VCI issuer of Open Badges (<c>ldp_vc</c> with eddsa-rdfc-2022 and
/// <c>jwt_vc_json</c> in the Open Badges JWT form, both signed by one did:key) at <c>/ob</c> and an OpenID4VP verifier
/// that trusts that issuer; and a wallet with both clients.
/// </summary>
internal sealed class OpenId4VciW3cTestBed : IAsyncDisposable
{
    public const string LdpConfiguration = "teamwork_badge_ldp";
    public const string JwtConfiguration = "teamwork_badge_jwt";
    public const string JwkOnlyConfiguration = "teamwork_badge_ldp_did_jwk";
    public const string ForeignSubject = "foreign-subject";
    public const string UntypedSubject = "untyped-subject";
    public const string DeniedSubject = "denied-subject";
    public const string CachedSubject = "cached-subject";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-oid4vci-w3c-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly SigningKey _sdJwtKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private WebApplication? _app;
    private JsonObject? _cached;

    private OpenId4VciW3cTestBed()
    {
        Directory.CreateDirectory(_folder);
        IssuerDid = DidKey.Create(_issuerKey).ToString();
        IssuerMethod = DidKey.GetKeyId(DidKey.Create(_issuerKey)).ToString();
    }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public string Origin { get; private set; } = string.Empty;

    public string IssuerId => Origin + "/ob";

    public string IssuerDid { get; }

    public string IssuerMethod { get; }

    public OpenId4VciIssuer Issuer { get; private set; } = null!;

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VciClient IssuanceClient { get; private set; } = null!;

    public OpenId4VpWalletClient PresentationClient { get; private set; } = null!;

    public List<W3cCredentialIssuanceContext> Requests { get; } = [];

    public static async Task<OpenId4VciW3cTestBed> StartAsync()
    {
        var bed = new OpenId4VciW3cTestBed();
        await bed.InitializeAsync();
        return bed;
    }

    private async Task InitializeAsync()
    {
        var state = new SqliteProtocolStateStore(Path.Combine(_folder, "state.db"));
        var verifierDid = DidKey.Create(_verifierKey);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(state);
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(new StaticIssuerKeyResolver(_sdJwtKey.PublicJwk), options: new SdJwtVcVerifierOptions()));
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = _sdJwtKey,
            AllowHttp = true,
            BatchSize = 3,
            CredentialConfigurations = [],
            ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(null),
            W3cCredentialConfigurations =
            [
                new IssuerW3cCredentialConfiguration
                {
                    Id = LdpConfiguration,
                    Types = ["VerifiableCredential", "OpenBadgeCredential"],
                    Contexts = ["https://www.w3.org/ns/credentials/v2", ObContext],
                    Signer = new DataIntegrityCredentialSigner(_issuerKey, IssuerMethod, Cryptosuite.EddsaRdfc2022),
                    Display = [new CredentialDisplay { Name = "Teamwork Badge", Locale = "en-US" }],
                },
                new IssuerW3cCredentialConfiguration
                {
                    Id = JwtConfiguration,
                    Types = ["VerifiableCredential", "OpenBadgeCredential"],
                    Contexts = ["https://www.w3.org/ns/credentials/v2", ObContext],
                    Signer = new OpenBadgeJwtCredentialSigner(new OpenId4VpW3cTestBed.Named(_issuerKey, IssuerMethod)),
                },
                new IssuerW3cCredentialConfiguration
                {
                    Id = JwkOnlyConfiguration,
                    Types = ["VerifiableCredential", "OpenBadgeCredential"],
                    Contexts = ["https://www.w3.org/ns/credentials/v2", ObContext],
                    Signer = new DataIntegrityCredentialSigner(_issuerKey, IssuerMethod, Cryptosuite.EddsaRdfc2022),
                    BindingMethods = [CredentialConfiguration.DidJwkBindingMethod],
                },
            ],
            ResolveW3cCredential = ResolveBadgeAsync,
        });
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForDid(verifierDid.Value).Value,
            ResponseUri = new Uri(Origin + "/openid4vp/response"),
            RequestUriBase = new Uri(Origin + "/openid4vp/request"),
            RequestSigner = _verifierKey,
            RequestSignerKeyId = DidKey.GetKeyId(verifierDid).Value,
            W3cPresentations = new W3cPresentationVerifier(OpenId4VpW3cTestBed.Resolver, CredentialVerifier()),
        });
        _app = builder.Build();
        _app.MapOpenId4VciIssuer("/ob");
        _app.MapOpenId4VpVerifier();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = "http://127.0.0.1:" + new Uri(address).Port;
        Issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();
        Verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        Wallet = new CredentialWallet(Store, new SdJwtVcVerifier(new StaticIssuerKeyResolver(_sdJwtKey.PublicJwk), options: new SdJwtVcVerifierOptions()), new CredentialWalletOptions
        {
            Locale = "en",
            ImportStatus = StatusCheck.Skip,
            W3cVerifier = CredentialVerifier(),
        });
        var http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback };
        IssuanceClient = new OpenId4VciClient(Http, new OpenId4VciClientOptions { Http = http });
        PresentationClient = new OpenId4VpWalletClient(Http, Wallet, new OpenId4VpWalletClientOptions
        {
            RequestReader = OpenId4VpRequestReaderOptions.Default with { SupportedFormats = [DcqlFormats.SdJwtVc, DcqlFormats.JwtVcJson, DcqlFormats.LdpVc] },
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        });
    }

    /// <summary>Trusts the issuer's did:key; accepts Data Integrity, vc+jwt and the Open Badges JWT form.</summary>
    private W3cCredentialVerifier CredentialVerifier() => new(OpenId4VpW3cTestBed.Resolver, new W3cCredentialVerifierOptions
    {
        TrustedIssuers = new HashSet<string>(StringComparer.Ordinal) { IssuerDid },
        Status = StatusCheck.Skip,
        OpenBadgeJwt = new OpenBadgeJwtVerifierOptions(),
    });

    /// <summary>The app's hook: an unsigned Open Badge as plain JSON, without a subject id (or a foreign one, or none at all).</summary>
    private ValueTask<JsonObject?> ResolveBadgeAsync(W3cCredentialIssuanceContext context, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(context);
        }

        if (context.SubjectId == DeniedSubject)
        {
            return ValueTask.FromResult<JsonObject?>(null);
        }

        var subject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.edu/achievements/teamwork",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = "Teamwork",
                ["criteria"] = new JsonObject { ["narrative"] = "Nominated by peers." },
            },
        };
        if (context.SubjectId == ForeignSubject)
        {
            subject["id"] = "did:example:someone-else";
        }

        if (context.SubjectId == CachedSubject && _cached is not null)
        {
            return ValueTask.FromResult<JsonObject?>(_cached);
        }

        var badge = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", ObContext),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "Teamwork Badge",
            ["issuer"] = new JsonObject { ["id"] = IssuerDid, ["type"] = new JsonArray("Profile"), ["name"] = "Example University" },
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = subject,
        };
        if (context.SubjectId == UntypedSubject)
        {
            badge["type"] = new JsonArray("VerifiableCredential");
        }

        if (context.SubjectId == CachedSubject)
        {
            _cached = badge;
        }

        return ValueTask.FromResult<JsonObject?>(badge);
    }

    public ValueTask<CreatedCredentialOffer> OfferAsync(string configuration, string subject = "student-42")
        => Issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = [configuration], SubjectId = subject });

    public async Task<ResolvedCredentialOffer> ResolveAsync(CreatedCredentialOffer offer)
    {
        var resolved = await IssuanceClient.ResolveOfferAsync(offer.ByReferenceLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        return resolved.Value;
    }

    public async Task<string> TokenAsync(CreatedCredentialOffer offer)
    {
        var token = await IssuanceClient.RequestTokenAsync(await ResolveAsync(offer), null);
        Assert.True(token.IsValid, token.Error?.ToString());
        return token.Value.AccessToken;
    }

    public async Task<string> NonceAsync()
    {
        var nonce = await IssuanceClient.RequestNonceAsync(Issuer.NonceEndpoint);
        Assert.True(nonce.IsValid, nonce.Error?.ToString());
        return nonce.Value;
    }

    /// <summary>A key proof naming <paramref name="key"/> by its did:key (or did:jwk) URL.</summary>
    public ValueTask<string> DidProofAsync(SigningKey key, string nonce, bool didJwk = false)
        => JwtKeyProof.CreateWithKeyIdAsync(key, (didJwk ? DidJwk.GetKeyId(DidJwk.Create(key)) : DidKey.GetKeyId(DidKey.Create(key))).Value, IssuerId, nonce, TimeProvider.System.GetUtcNow().AddSeconds(-1));

    /// <summary>Calls the Credential Endpoint handler directly (to see the issuer-side code).</summary>
    public ValueTask<IssuerEndpointResult> CredentialAsync(string token, string configuration, params string[] proofs)
        => Issuer.HandleCredentialRequestAsync("Bearer " + token, System.Text.Encoding.UTF8.GetBytes(new CredentialRequest { CredentialConfigurationId = configuration, JwtProofs = proofs }.ToJson()));

    public static DcqlQuery BadgeQuery(string format) => OpenId4VpW3cTestBed.BadgeQuery(format);

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
        _sdJwtKey.Dispose();
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
