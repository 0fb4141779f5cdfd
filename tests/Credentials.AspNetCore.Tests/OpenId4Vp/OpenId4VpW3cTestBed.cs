using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.VcJose;
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

/// <summary>
/// A Kestrel verifier on 127.0.0.1 (DID client, signed requests) that verifies W3C presentations
/// (<see cref="OpenId4VpVerifierOptions.W3cPresentations"/>, trusting one did:key issuer of Open Badges); that issuer;
/// and a wallet whose holder key is the badges' subject.
/// </summary>
internal sealed class OpenId4VpW3cTestBed : IAsyncDisposable
{
    public const string ObVocab = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-openid4vp-w3c-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly SigningKey _verifierKey = SigningKey.Create(JwsAlgorithm.Es256);
    private WebApplication? _app;
    private SqliteProtocolStateStore? _state;

    private OpenId4VpW3cTestBed()
    {
        Directory.CreateDirectory(_folder);
        IssuerDid = DidKey.Create(_issuerKey).ToString();
    }

    public static DidResolver Resolver { get; } = new([DidKeyResolver.Instance, DidJwkResolver.Instance]);

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public string Origin { get; private set; } = string.Empty;

    public string IssuerDid { get; }

    public OpenId4VpVerifier Verifier { get; private set; } = null!;

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    public HolderKeyInfo HolderKey { get; private set; } = null!;

    public string HolderDid => DidKey.Create(HolderKey.PublicJwk).ToString();

    public static async Task<OpenId4VpW3cTestBed> StartAsync()
    {
        var bed = new OpenId4VpW3cTestBed();
        await bed.InitializeAsync();
        return bed;
    }

    public static W3cCredentialVerifier CredentialVerifier(string trustedIssuer) => new(Resolver, new W3cCredentialVerifierOptions
    {
        TrustedIssuers = new HashSet<string>(StringComparer.Ordinal) { trustedIssuer },
        Status = StatusCheck.Skip,
    });

    private async Task InitializeAsync()
    {
        _state = new SqliteProtocolStateStore(Path.Combine(_folder, "verifier.db"));
        var verifierDid = DidKey.Create(_verifierKey);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(_state);
        builder.Services.AddSingleton(_ => new SdJwtVcVerifier(new StaticIssuerKeyResolver(_verifierKey.PublicJwk), options: new SdJwtVcVerifierOptions()));
        builder.Services.AddOpenId4VpVerifier(_ => new OpenId4VpVerifierOptions
        {
            ClientId = ClientIdentifier.ForDid(verifierDid.Value).Value,
            ResponseUri = new Uri(Origin + "/openid4vp/response"),
            RequestUriBase = new Uri(Origin + "/openid4vp/request"),
            RequestSigner = _verifierKey,
            RequestSignerKeyId = DidKey.GetKeyId(verifierDid).Value,
            W3cPresentations = new W3cPresentationVerifier(Resolver, CredentialVerifier(IssuerDid)),
        });
        _app = builder.Build();
        _app.MapOpenId4VpVerifier();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = "http://127.0.0.1:" + new Uri(address).Port;
        Verifier = _app.Services.GetRequiredService<OpenId4VpVerifier>();

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        HolderKey = (await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256)).GetValueOrThrow();
        Wallet = new CredentialWallet(Store, new SdJwtVcVerifier(new StaticIssuerKeyResolver(_verifierKey.PublicJwk), options: new SdJwtVcVerifierOptions()), new CredentialWalletOptions
        {
            Locale = "en",
            ImportStatus = StatusCheck.Skip,
            W3cVerifier = CredentialVerifier(IssuerDid),
        });
        Client = new OpenId4VpWalletClient(Http, Wallet, new OpenId4VpWalletClientOptions
        {
            RequestReader = OpenId4VpRequestReaderOptions.Default with { SupportedFormats = [DcqlFormats.SdJwtVc, DcqlFormats.JwtVcJson, DcqlFormats.LdpVc] },
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        });
    }

    /// <summary>An unsigned Open Badge for the holder (or another subject).</summary>
    public JsonObject Badge(string? subject = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["name"] = "Teamwork Badge",
        ["issuer"] = new JsonObject { ["id"] = IssuerDid, ["type"] = new JsonArray("Profile"), ["name"] = "Example University" },
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = subject ?? HolderDid,
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://example.edu/achievements/teamwork",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = "Teamwork",
                ["criteria"] = new JsonObject { ["narrative"] = "Nominated by peers." },
            },
        },
    };

    /// <summary>Issues a badge for the holder in the format and imports it into the wallet.</summary>
    public async Task<string> IssueIntoWalletAsync(string format)
    {
        var issued = await IssueAsync(Badge(), format);
        var imported = await Wallet.ImportW3cAsync(issued);
        Assert.True(imported.IsValid, imported.Error?.ToString());
        return issued;
    }

    public async Task<string> IssueAsync(JsonObject badge, string format)
    {
        var method = DidKey.GetKeyId(DidKey.Create(_issuerKey)).ToString();
        if (format == DcqlFormats.LdpVc)
        {
            var secured = await new DataIntegrityIssuer(_issuerKey, method).AddProofAsync(badge, new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 });
            return secured.ToJsonString();
        }

        return await new VcJwtIssuer(new Named(_issuerKey, method)).IssueAsync(W3cCredential.Read(badge.ToJsonString()).GetValueOrThrow());
    }

    public static DcqlQuery BadgeQuery(string format)
    {
        var query = DcqlQuery.Read($$"""
            {"credentials":[{"id":"badge","format":"{{format}}","meta":{"type_values":[["{{ObVocab}}OpenBadgeCredential"]]},
              "claims":[{"path":["credentialSubject","achievement","name"],"values":["Teamwork"]}]}]}
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

    /// <summary>A signer under another key id.</summary>
    internal sealed class Named(ISigner inner, string keyId) : ISigner
    {
        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => keyId;

        public System.Threading.Tasks.ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, System.Threading.CancellationToken cancellationToken = default) => inner.SignAsync(signingInput, cancellationToken);
    }
}
