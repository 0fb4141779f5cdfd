using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Credentials.AspNetCore.Storage;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Protocols;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Credentials.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Credentials.Trust;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>
/// Our OpenID4VCI issuer on a real Kestrel server at <c>http://127.0.0.1:{port}/ipa</c> (plain HTTP is allowed with
/// <see cref="OpenId4VciIssuerOptions.AllowHttp"/>), protocol state in a temporary SQLite file, issuing one SD-JWT VC
/// configuration.
/// </summary>
internal sealed class InteropIssuer : IAsyncDisposable
{
    public const string Configuration = "ipa_exam_pass_sd_jwt";
    public const string Vct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-interop-oid4vci-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    private InteropIssuer()
    {
    }

    public SigningKey IssuerKey { get; } = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026");

    public string Origin { get; private set; } = string.Empty;

    public string IssuerId => Origin + "/ipa";

    public OpenId4VciIssuer Issuer { get; private set; } = null!;

    public List<CredentialIssuanceContext> Requests { get; } = [];

    /// <summary>The pending authorizations our authorization page received (the End-User at our login page).</summary>
    public List<PendingAuthorization> PendingAuthorizations { get; } = [];

    /// <summary>Every request the issuer's host received.</summary>
    public RecordedRequests Received { get; } = new();

    /// <summary>
    /// Starts the issuer. With <paramref name="haip"/>: the Authorization Code Flow for the client <c>interop-wallet</c>
    /// at <c>https://wallet.example.jp/callback</c> (PAR, PKCE S256), DPoP-bound tokens, and, when
    /// <paramref name="walletProvider"/> is given, wallet attestations from that provider required at the token endpoint.
    /// </summary>
    public static async Task<InteropIssuer> StartAsync(bool haip = false, Jwk? walletProvider = null)
    {
        var issuer = new InteropIssuer();
        await issuer.InitializeAsync(haip, walletProvider);
        return issuer;
    }

    public const string WalletClientId = "interop-wallet";
    public const string WalletRedirectUri = "https://wallet.example.jp/callback";

    private async Task InitializeAsync(bool haip, Jwk? walletProvider)
    {
        Directory.CreateDirectory(_folder);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IProtocolStateStore>(new SqliteProtocolStateStore(Path.Combine(_folder, "state.db")));
        builder.Services.AddOpenId4VciIssuer(_ => new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            Signer = IssuerKey,
            AllowHttp = true,
            Display = [new IssuerDisplay { Name = "IPA (sample)", Locale = "en-US" }],
            CredentialConfigurations =
            [
                new IssuerCredentialConfiguration
                {
                    Id = Configuration,
                    Vct = Vct,
                    Display = [new CredentialDisplay { Name = "IPA exam pass certificate", Locale = "en-US" }],
                },
            ],
            ResolveDataset = ResolveDatasetAsync,
            ValidateClient = haip ? (clientId, redirectUri) => clientId == WalletClientId && redirectUri == WalletRedirectUri : null,
            Dpop = haip ? new OpenId4VciDpopOptions() : null,
            ClientAttestation = walletProvider is null ? null : new Credentials.OAuth.ClientAttestationValidatorOptions { TrustedProviderKeys = [walletProvider] },
        });
        _app = builder.Build();
        Received.Use(_app);
        _app.MapOpenId4VciIssuer("/ipa", new OpenId4VciEndpointOptions
        {
            AuthorizationPage = async (context, pending) =>
            {
                lock (PendingAuthorizations)
                {
                    PendingAuthorizations.Add(pending);
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<p>Log in</p>");
            },
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = "http://127.0.0.1:" + new Uri(address).Port;
        Issuer = _app.Services.GetRequiredService<OpenId4VciIssuer>();
    }

    private ValueTask<CredentialDataset?> ResolveDatasetAsync(CredentialIssuanceContext context, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(context);
        }

        var claims = SdJwtPayload.Create()
            .Disclosable("certificate_number", "2026-05-01234")
            .Disclosable("family_name", "高橋")
            .Claim("issuing_country", "JP");
        return ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = claims, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30) });
    }

    public ValueTask<CreatedCredentialOffer> OfferAsync(string? pin = null)
        => Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = [Configuration],
            SubjectId = "exam-2026-05-01234",
            TransactionCode = pin is null ? null : new OfferTransactionCode { Value = pin },
        });

    public SdJwtVcVerifier CreateVerifier()
        => new(new StaticIssuerKeyResolver([new KeyValuePair<string, Jwk>(IssuerId, IssuerKey.PublicJwk)]), options: new SdJwtVcVerifierOptions());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        IssuerKey.Dispose();
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
