using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Keys;
using Credentials.OAuth;
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
/// The Pre-Authorized Code Flow with DPoP (RFC 9449) against this library's issuer, in process: a DPoP proof at the
/// token endpoint when the Authorization Server lists the wallet's algorithm, the DPoP-bound token presented at the
/// credential endpoint; Bearer as before against an issuer without DPoP.
/// </summary>
public sealed class PreAuthorizedDpopTests : IDisposable
{
    private const string IssuerId = "http://127.0.0.1:5002/issuer";
    private readonly HolderTestBed _bed;
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256);
    private readonly List<IDisposable> _owned = [];

    public PreAuthorizedDpopTests()
    {
        _bed = HolderTestBed.CreateAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _issuerKey.Dispose();
        _bed.Dispose();
    }

    private (OpenId4VciIssuer Issuer, IssuerHandler Handler, CredentialWallet Wallet) Setup(bool dpop, DeferredIssuanceOptions? deferred = null)
    {
        var issuer = new OpenId4VciIssuer(new InMemoryProtocolStateStore(), new OpenId4VciIssuerOptions
        {
            CredentialIssuer = IssuerId,
            AllowHttp = true,
            Signer = _issuerKey,
            TimeProvider = _bed.Clock,
            CredentialConfigurations = [new IssuerCredentialConfiguration { Id = "age", Vct = HolderTestBed.AgeVct }],
            ResolveDataset = (context, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = HolderTestBed.AgeClaims() }),
            DeferredIssuance = deferred,
            Dpop = dpop ? new OpenId4VciDpopOptions { Required = true, Validation = new DpopProofValidatorOptions { RequireNonce = true, TimeProvider = _bed.Clock } } : null,
        });
        var handler = new IssuerHandler(issuer);
        _owned.Add(handler);
        var verifier = new SdJwtVcVerifier(new StaticIssuerKeyResolver(_issuerKey.PublicJwk), typeMetadata: _bed.Metadata, options: new SdJwtVcVerifierOptions { TimeProvider = _bed.Clock });
        return (issuer, handler, new CredentialWallet(_bed.Store, verifier, _bed.Options));
    }

    private OpenId4VciClient Client(IssuerHandler handler, bool useDpop = true)
    {
        var http = new HttpClient(handler, disposeHandler: false);
        _owned.Add(http);
        return new(http, new OpenId4VciClientOptions
        {
            Http = OpenId4VciClientOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = _bed.Clock,
            UseDpop = useDpop,
        });
    }

    private static async Task<ResolvedCredentialOffer> OfferAsync(OpenId4VciIssuer issuer, OpenId4VciClient client)
    {
        var created = await issuer.CreateOfferAsync(new CredentialOfferRequest { CredentialConfigurationIds = ["age"], SubjectId = "person-1" });
        var resolved = await client.ResolveOfferAsync(created.ByValueLink);
        Assert.True(resolved.IsValid, resolved.Error?.ToString());
        return resolved.Value;
    }

    [Fact]
    public async Task DpopRequiredWithNonces_TokenIsDpopBound_CredentialStored()
    {
        var (issuer, handler, wallet) = Setup(dpop: true);
        var client = Client(handler);

        var received = await client.ReceiveAsync(await OfferAsync(issuer, client), wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal(HolderTestBed.AgeVct, received.Value.Imported.Vct);
        Assert.Equal("DPoP", handler.TokenTypes.Single());
        Assert.All(handler.Seen.Where(s => s.Path.EndsWith("/token", StringComparison.Ordinal) || s.Path.EndsWith("/credential", StringComparison.Ordinal)), s => Assert.True(s.HasDpop));
        Assert.Contains(handler.Seen, s => s.Path.EndsWith("/credential", StringComparison.Ordinal) && s.Scheme == "DPoP");
        Assert.Single((await _bed.Store.ListAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task IssuerWithoutDpop_BearerAsBefore()
    {
        var (issuer, handler, wallet) = Setup(dpop: false);
        var client = Client(handler);

        var received = await client.ReceiveAsync(await OfferAsync(issuer, client), wallet);

        Assert.True(received.IsValid, received.Error?.ToString());
        Assert.Equal("Bearer", handler.TokenTypes.Single());
        Assert.DoesNotContain(handler.Seen, s => s.HasDpop);
        Assert.Contains(handler.Seen, s => s.Path.EndsWith("/credential", StringComparison.Ordinal) && s.Scheme == "Bearer");
    }

    [Fact]
    public async Task UseDpopOff_DpopRequiredIssuer_RefusedAndNothingStored()
    {
        var (issuer, handler, wallet) = Setup(dpop: true);
        var client = Client(handler, useDpop: false);

        var received = await client.ReceiveAsync(await OfferAsync(issuer, client), wallet);

        Assert.Equal(DpopErrors.InvalidProof, received.Error?.Code);
        Assert.DoesNotContain(handler.Seen, s => s.HasDpop);
        Assert.Empty((await _bed.Store.ListAsync()).GetValueOrThrow());
        Assert.Empty((await _bed.Store.ListHolderKeysAsync()).GetValueOrThrow());
    }

    [Fact]
    public async Task DpopRequired_Deferred_PendingKeepsTheKeyAndCompletesWithDpop()
    {
        var transactions = new List<string>();
        var (issuer, handler, wallet) = Setup(dpop: true, new DeferredIssuanceOptions
        {
            Defer = (request, _) =>
            {
                transactions.Add(request.TransactionId);
                return ValueTask.FromResult(true);
            },
        });
        var client = Client(handler);

        var outcome = await client.ReceiveOrDeferAsync(await OfferAsync(issuer, client), wallet);
        Assert.True(outcome.IsValid, outcome.Error?.ToString());
        var pending = Assert.IsType<PendingCredential>(outcome.Value.Pending);
        Assert.NotNull(pending.DpopKey);
        Assert.True(await issuer.ApproveDeferredAsync(transactions.Single(), new CredentialDataset { Claims = HolderTestBed.AgeClaims() }));

        var completed = await client.CompleteDeferredAsync(PendingCredential.Read(pending.ToJson()).Value, wallet);

        Assert.True(completed.IsValid, completed.Error?.ToString());
        Assert.False(completed.Value.IsPending);
        Assert.Contains(handler.Seen, s => s.Path.EndsWith("/deferred_credential", StringComparison.Ordinal) && s.HasDpop && s.Scheme == "DPoP");
        Assert.Single((await _bed.Store.ListAsync()).GetValueOrThrow());
    }

    private sealed class IssuerHandler(OpenId4VciIssuer issuer) : HttpMessageHandler
    {
        public List<(string Path, bool HasDpop, string? Scheme)> Seen { get; } = [];

        public List<string?> TokenTypes { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            Seen.Add((path, headers.ContainsKey("DPoP"), request.Headers.Authorization?.Scheme));
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
            else if (path.EndsWith("/token", StringComparison.Ordinal))
            {
                result = await issuer.HandleTokenRequestAsync(http, IssuerHandlerMessages.Form(body), cancellationToken);
                if (result.StatusCode == 200)
                {
                    TokenTypes.Add(JsonNode.Parse(result.Body)?["token_type"]?.GetValue<string>());
                }
            }
            else if (path.EndsWith("/deferred_credential", StringComparison.Ordinal))
            {
                result = await issuer.HandleDeferredCredentialRequestAsync(http, body, cancellationToken);
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
