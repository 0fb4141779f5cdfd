using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.Protocols;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Wallet.Holder;
using Credentials.Wallet.OpenId4Vci;
using Credentials.Wallet.Tests.Holder;
using Xunit;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>
/// The wallet's Authorization Code Flow against this library's issuer, in process: wallet-initiated resolution, PAR,
/// the authorize step (the test plays the person through the issuer's completion hook), the redirect, the token with a
/// DPoP proof, and the credential stored in the wallet.
/// </summary>
public sealed class AuthorizationCodeIssuerTests : IDisposable
{
    private const string IssuerId = "http://127.0.0.1:5001/issuer";
    private const string ClientId = "wallet-instance-7";
    private static readonly Uri Redirect = new("http://127.0.0.1:7778/callback");
    private readonly HolderTestBed _bed;
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly OpenId4VciIssuer _issuer;
    private readonly IssuerHandler _handler;
    private readonly HttpClient _http;
    private readonly CredentialWallet _wallet;

    public AuthorizationCodeIssuerTests()
    {
        _bed = HolderTestBed.CreateAsync().GetAwaiter().GetResult();
        _issuer = new OpenId4VciIssuer(new InMemoryProtocolStateStore(), new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            AllowHttp = true,
            Signer = _issuerKey,
            TimeProvider = _bed.Clock,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "age", Vct = HolderTestBed.AgeVct }],
            ResolveDataset = (context, _) => ValueTask.FromResult<CredentialDataset?>(context.SubjectId == "person-1"
                ? new CredentialDataset { Claims = HolderTestBed.AgeClaims() }
                : null),
            ValidateClient = (client, redirect) => client == ClientId && redirect == Redirect.OriginalString,
        });
        _handler = new IssuerHandler(_issuer);
        _http = new HttpClient(_handler);
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), typeMetadata: _bed.Metadata, options: new SdJwtVcVerifierOptions { TimeProvider = _bed.Clock });
        _wallet = new CredentialWallet(_bed.Store, verifier, _bed.Options);
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
        _issuerKey.Dispose();
        _bed.Dispose();
    }

    private OpenId4VciClient Client() => new(_http, new OpenId4VciClientOptions
    {
        Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        TimeProvider = _bed.Clock,
        ClientId = ClientId,
    });

    private async Task<AuthorizationCodeSession> StartAsync()
    {
        var resolved = await Client().ResolveIssuerAsync(IssuerId, ["age"]);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        var started = await Client().StartAuthorizationAsync(resolved.Value, new AuthorizationCodeRequest { RedirectUri = Redirect });
        Assert.True(started.IsValid, started.Error?.ToString());
        return started.Value;
    }

    // The person opens the URL, logs in (or refuses); the issuer's app completes the pending authorization.
    private async Task<Uri> AuthorizeAsync(AuthorizationCodeSession session, bool approve = true)
    {
        var query = HttpUtility.ParseQueryString(session.AuthorizationUrl.Query);
        var pending = await _issuer.BeginAuthorizationAsync(query["client_id"], query["request_uri"]);
        Assert.True(pending.IsValid, pending.Error?.ToString());
        var redirect = approve ? await _issuer.CompleteAuthorizationAsync(pending.Value.Id, "person-1") : await _issuer.DenyAuthorizationAsync(pending.Value.Id);
        Assert.True(redirect.IsValid, redirect.Error?.ToString());
        return redirect.Value;
    }

    [Fact]
    public async Task WalletInitiated_ParAuthorizeRedirectTokenCredential_StoredInWallet()
    {
        var session = await StartAsync();
        var redirect = await AuthorizeAsync(session);

        var received = await Client().CompleteAuthorizationAsync(session, redirect, _wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(HolderTestBed.AgeVct, received.Value.Imported.Vct);
        Assert.Equal(IssuerId, received.Value.Imported.Issuer);
        Assert.True(_handler.Seen.Single(s => s.Path.EndsWith("/token", StringComparison.Ordinal)).HasDpop);
    }

    [Fact]
    public async Task SessionPersistedAcrossTheBrowserRoundTrip_Completes()
    {
        var json = (await StartAsync()).ToJson();
        var redirect = await AuthorizeAsync(AuthorizationCodeSession.Read(json).Value);

        var received = await Client().CompleteAuthorizationAsync(AuthorizationCodeSession.Read(json).Value, redirect, _wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
    }

    [Fact]
    public async Task PersonRefuses_AccessDeniedAndNothingStored()
    {
        var session = await StartAsync();
        var redirect = await AuthorizeAsync(session, approve: false);

        var received = await Client().CompleteAuthorizationAsync(session, redirect, _wallet);

        Assert.Equal(AuthorizationCodeErrors.AccessDenied, received.Error?.Code);
        Assert.DoesNotContain(_handler.Seen, s => s.Path.EndsWith("/token", StringComparison.Ordinal));
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task RedirectReplayed_CodeIsSingleUse_InvalidGrant()
    {
        var session = await StartAsync();
        var redirect = await AuthorizeAsync(session);
        Assert.True((await Client().CompleteAuthorizationAsync(session, redirect, _wallet)).IsValid);

        var again = await Client().CompleteAuthorizationAsync(session, redirect, _wallet);

        Assert.Equal(OpenId4VciErrors.InvalidGrant, again.Error?.Code);
    }

    [Fact]
    public async Task CodeRedeemedByAnotherSession_PkceVerifierMismatch_InvalidGrant()
    {
        var victim = await StartAsync();
        var attacker = await StartAsync();
        var redirect = await AuthorizeAsync(victim);

        // The attacker injects the victim's code into its own session (same state to pass the wallet's check).
        var injected = new Uri(redirect.AbsoluteUri.Replace(Uri.EscapeDataString(victim.State), Uri.EscapeDataString(attacker.State), StringComparison.Ordinal));
        var received = await Client().CompleteAuthorizationAsync(attacker, injected, _wallet);

        Assert.Equal(OpenId4VciErrors.InvalidGrant, received.Error?.Code);
    }

    private sealed class IssuerHandler(OpenId4VciIssuer issuer) : HttpMessageHandler
    {
        public List<(string Path, bool HasDpop)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            lock (Seen)
            {
                Seen.Add((path, headers.ContainsKey("DPoP")));
            }

            var http = new IssuerHttpRequest { Method = request.Method.Method, Url = new Uri(request.RequestUri.GetLeftPart(UriPartial.Path)), Headers = headers };
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            IssuerEndpointResult result;
            if (path.StartsWith(CredentialIssuerMetadata.WellKnownPath, StringComparison.Ordinal))
            {
                return IssuerHandlerMessages.Json(HttpStatusCode.OK, issuer.Metadata.ToJson(), request);
            }
            else if (path.StartsWith(AuthorizationServerMetadata.WellKnownPath, StringComparison.Ordinal))
            {
                return IssuerHandlerMessages.Json(HttpStatusCode.OK, issuer.AuthorizationServerMetadata.ToJson(), request);
            }
            else if (path.EndsWith("/par", StringComparison.Ordinal))
            {
                result = await issuer.HandlePushedAuthorizationRequestAsync(http, IssuerHandlerMessages.Form(body), cancellationToken);
            }
            else if (path.EndsWith("/token", StringComparison.Ordinal))
            {
                result = await issuer.HandleTokenRequestAsync(http, IssuerHandlerMessages.Form(body), cancellationToken);
            }
            else if (path.EndsWith("/nonce", StringComparison.Ordinal))
            {
                result = await issuer.HandleNonceRequestAsync(http, cancellationToken);
            }
            else if (path.EndsWith("/credential", StringComparison.Ordinal))
            {
                result = await issuer.HandleCredentialRequestAsync(http, body, cancellationToken);
            }
            else
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            }

            return IssuerHandlerMessages.ToResponse(result, request);
        }
    }
}
