using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Authentication;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Dcql;
using Credentials.Http;
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
using Credentials.Wallet.OpenId4Vp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Authentication;

/// <summary>
/// A shop on real Kestrel (127.0.0.1): cookies as the sign-in scheme, the verifiable presentation scheme as the
/// challenge, an OpenID4VP verifier (<c>redirect_uri</c> client, <c>direct_post</c>) with its endpoints, and pages
/// protected by the policy <c>Over20</c> (<c>RequireVerifiedClaim("age_over_20", true)</c>) both with
/// <c>RequireAuthorization</c> and with an <c>[Authorize]</c> attribute, and <c>/any-scheme</c> by a policy that also
/// authenticates the cookie (<c>Over20AnyScheme</c>); <c>/forge</c> signs another identity into the cookie. The test plays the browsers (cookie jars, no
/// automatic redirects) and the wallet (an encrypted SQLite wallet holding an SD-JWT VC issued in-test).
/// </summary>
internal sealed class PresentationAuthenticationTestBed : IAsyncDisposable
{
    public const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    public const string CallbackPath = "/signin-verifiable-presentation";
    public const string StatusPath = CallbackPath + "/status";

    public const string NamedVerifierResponseUri = "http://127.0.0.1:9/openid4vp/response";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-authn-tests", Guid.NewGuid().ToString("N"));
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly HttpClient _walletHttp = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private LoopbackHost? _host;

    private readonly Action<VerifiablePresentationOptions>? _configure;

    private readonly string? _verifierName;

    private PresentationAuthenticationTestBed(PresentationFlow flow, Action<VerifiablePresentationOptions>? configure, string? verifierName = null)
    {
        _verifierName = verifierName;
        Flow = flow;
        _configure = configure;
        Directory.CreateDirectory(_folder);
    }

    public PresentationFlow Flow { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string Origin => _host!.Origin;

    public string IssuerId => "https://issuer.example.jp";

    public CapturedLogs Logs => _host!.Logs;

    public OpenId4VpVerifier Verifier => _verifierName is null
        ? _host!.Services.GetRequiredService<OpenId4VpVerifier>()
        : _host!.Services.GetRequiredKeyedService<OpenId4VpVerifier>(_verifierName);

    /// <summary>The error codes the handler's failures carried (<c>OnRemoteFailure</c>), in order.</summary>
    public ConcurrentQueue<string?> Failures { get; } = new();

    /// <summary>The error code chains the handler's failures carried (<see cref="VerifiablePresentationDefaults.ErrorCodesProperty"/>), in order.</summary>
    public ConcurrentQueue<string?> FailureChains { get; } = new();

    public WalletStore Store { get; private set; } = null!;

    public CredentialWallet Wallet { get; private set; } = null!;

    public OpenId4VpWalletClient Client { get; private set; } = null!;

    public static DcqlQuery Query { get; } = DcqlQuery.Read($$"""
        {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["{{AgeVct}}"]},"claims":[{"path":["age_over_20"]}]}]}
        """).GetValueOrThrow();

    /// <summary>Starts the shop; <paramref name="configure"/> changes the scheme's options after the bed's.</summary>
    public static async Task<PresentationAuthenticationTestBed> StartAsync(PresentationFlow flow, Action<VerifiablePresentationOptions>? configure = null)
    {
        var bed = new PresentationAuthenticationTestBed(flow, configure);
        await bed.InitializeAsync();
        return bed;
    }

    /// <summary>
    /// Starts the shop (cross-device) with its verifier registered under <paramref name="verifierName"/> only (a keyed
    /// service answering at <see cref="NamedVerifierResponseUri"/>) and the scheme naming it.
    /// </summary>
    public static async Task<PresentationAuthenticationTestBed> StartWithNamedVerifierAsync(string verifierName)
    {
        var bed = new PresentationAuthenticationTestBed(PresentationFlow.CrossDevice, o => o.VerifierName = verifierName, verifierName);
        await bed.InitializeAsync();
        return bed;
    }

    private async Task InitializeAsync()
    {
        var state = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = Clock });
        _host = await LoopbackHost.StartAsync((services, origin) =>
        {
            services.AddSingleton<IProtocolStateStore>(state);
            services.AddSingleton(_ => new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions()));
            if (_verifierName is not null)
            {
                services.AddOpenId4VpVerifier(_verifierName, s =>
                {
                    // Start-up validation runs before the port is known, so the named verifier answers at a fixed address.
                    var namedResponseUri = new Uri(NamedVerifierResponseUri);
                    s.ClientId = ClientIdentifier.ForRedirectUri(namedResponseUri).Value;
                    s.ResponseUri = namedResponseUri;
                    s.Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Skip };
                    s.TimeProvider = Clock;
                });
            }
            else
            {
                services.AddOpenId4VpVerifier(_ =>
                {
                    var responseUri = new Uri(origin() + "/openid4vp/response");
                    return new OpenId4VpVerifierOptions
                    {
                        ClientId = ClientIdentifier.ForRedirectUri(responseUri).Value,
                        ResponseUri = responseUri,
                        RedirectUri = Flow == PresentationFlow.SameDevice ? new Uri(origin() + CallbackPath) : null,
                        Policy = new OpenId4VpPresentationPolicy { IssuerAuthorization = Trust(), Status = StatusCheck.Skip },
                        TimeProvider = Clock,
                    };
                });
            }
            services.AddAuthentication(o =>
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = VerifiablePresentationDefaults.AuthenticationScheme;
                })
                .AddCookie(o =>
                {
                    o.TimeProvider = Clock;
                    o.Events.OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                })
                .AddVerifiablePresentation(o =>
                {
                    o.Query = Query;
                    o.Flow = Flow;
                    o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.TimeProvider = Clock;
                    o.Events.OnRemoteFailure = async context =>
                    {
                        var code = context.Properties?.Items.TryGetValue(VerifiablePresentationDefaults.ErrorCodeProperty, out var value) == true ? value : null;
                        Failures.Enqueue(code);
                        FailureChains.Enqueue(context.Properties?.Items.TryGetValue(VerifiablePresentationDefaults.ErrorCodesProperty, out var chain) == true ? chain : null);
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        await context.Response.WriteAsJsonAsync(new Dictionary<string, string?> { ["code"] = code });
                        context.HandleResponse();
                    };
                    _configure?.Invoke(o);
                });
            services.AddAuthorization(o =>
            {
                o.AddPolicy("Over20", p => p.RequireVerifiedClaim("age_over_20", true));
                o.AddPolicy("AgeCredential", p => p.RequireCredentialType(AgeVct));

                // Also reads the shared cookie's principal, as a policy naming several schemes does.
                o.AddPolicy("Over20AnyScheme", p => p.AddAuthenticationSchemes(VerifiablePresentationDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme)
                    .RequireVerifiedClaim("age_over_20", true).RequireCredentialType(AgeVct));
            });
        }, app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapOpenId4VpVerifier(new OpenId4VpEndpointOptions { VerifierName = _verifierName });
            app.MapGet("/checkout", () => "checkout").RequireAuthorization("Over20");
            app.MapGet("/attribute", [Authorize(Policy = "Over20")] () => "attribute");
            app.MapGet("/refused", () => "refused").RequireAuthorization("Over20");
            app.MapGet("/any-scheme", () => "any-scheme").RequireAuthorization("Over20AnyScheme");

            // Another sign-in into the same cookie (what an OpenID Connect scheme mapping amr does): the method claim
            // openid4vp and age_over_20 = true, from ?type= (the identity's authentication type) and ?issuer=.
            app.MapGet("/forge", async (HttpContext context, string type, string issuer) =>
            {
                var identity = new ClaimsIdentity(type);
                identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, issuer));
                identity.AddClaim(new Claim("amr", VerifiablePresentationDefaults.AuthenticationMethod, ClaimValueTypes.String, issuer));
                identity.AddClaim(new Claim("age_over_20", "true", ClaimValueTypes.Boolean, issuer));
                identity.AddClaim(new Claim(VerifiablePresentationClaimTypes.CredentialType, AgeVct, ClaimValueTypes.String, issuer));
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
                return "signed in";
            });
            app.MapGet("/whoami", (ClaimsPrincipal user) => Results.Json(user.Claims.Select(c => new[] { c.Type, c.Value, c.ValueType, c.Issuer }).ToArray()))
                .RequireAuthorization("AgeCredential");
        });

        var wallet = await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), WalletSecret.FromPassphrase("correct horse battery staple"), new WalletOptions { KdfParameters = new WalletKdfParameters { MemoryKiB = 64, Passes = 1 } });
        Assert.True(wallet.IsValid, wallet.Error?.ToString());
        Store = wallet.Value;
        Wallet = new CredentialWallet(Store, new SdJwtVcVerifier(Trust(), options: new SdJwtVcVerifierOptions()), new CredentialWalletOptions { ImportStatus = StatusCheck.Skip, ImportTypeMetadata = TypeMetadataCheck.Skip });
        Client = new OpenId4VpWalletClient(_walletHttp, Wallet, new OpenId4VpWalletClientOptions
        {
            Http = OpenId4VpWalletClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        });
    }

    public TrustList Trust()
        => new([new TrustedIssuer { Issuer = IssuerId, Name = "Age service (test)", Keys = [_issuerKey.PublicJwk], CredentialTypes = [AgeVct] }]);

    /// <summary>Issues an age credential (age_over_18, age_over_20 and birthdate disclosable) into the wallet.</summary>
    public async Task IssueIntoWalletAsync(bool ageOver20)
    {
        var key = await Store.CreateHolderKeyAsync(JwsAlgorithm.Es256);
        Assert.True(key.IsValid, key.Error?.ToString());
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId });
        var issued = await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = AgeVct,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", ageOver20).Disclosable("birthdate", "2004-05-06").Claim("issuing_country", "JP"),
            HolderKey = key.Value.PublicJwk,
            ExpiresAt = Clock.GetUtcNow().AddDays(30),
        });
        var imported = await Wallet.ImportAsync(issued.Serialize());
        Assert.True(imported.IsValid, imported.Error?.ToString());
    }

    /// <summary>The wallet answers a request link with consent.</summary>
    public async Task<OpenId4VpSubmission> PresentAsync(string link)
    {
        var submission = await Client.PresentAsync(link, (_, _) => ValueTask.FromResult(PresentationConsent.Approve));
        Assert.True(submission.IsValid, submission.Error?.ToString());
        return submission.Value;
    }

    /// <summary>A new browser: its own cookie jar, no automatic redirects.</summary>
    public Browser NewBrowser() => new(Origin);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Store?.Dispose();
        _walletHttp.Dispose();
        _issuerKey.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A browser: a cookie jar and an HTTP client that does not follow redirects.</summary>
    internal sealed class Browser : IDisposable
    {
        private readonly HttpClient _http;

        public Browser(string origin)
        {
            Origin = origin;
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true }) { BaseAddress = new Uri(origin) };
        }

        public string Origin { get; }

        public CookieContainer Cookies { get; } = new();

        public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => _http.GetAsync(pathAndQuery);

        /// <summary>What the relay page does: posts the response_code from the redirect's fragment to the callback.</summary>
        public Task<HttpResponseMessage> PostCodeAsync(string path, string responseCode)
            => _http.PostAsync(path, new FormUrlEncodedContent([new("response_code", responseCode)]));

        /// <summary>Whether the browser holds the sign-in cookie.</summary>
        public bool IsSignedIn => Cookies.GetCookies(new Uri(Origin + "/")).Any(c => c.Name.StartsWith(".AspNetCore.Cookies", StringComparison.Ordinal));

        /// <summary>The transaction cookie (scoped to the callback path), or <see langword="null"/>.</summary>
        public Cookie? TransactionCookie => Cookies.GetCookies(new Uri(Origin + CallbackPath)).FirstOrDefault(c => c.Name == ".Credentials.Presentation");

        public void Dispose() => _http.Dispose();
    }
}
