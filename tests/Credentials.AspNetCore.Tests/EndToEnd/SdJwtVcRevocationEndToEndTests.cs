using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Dids;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.EndToEnd;

/// <summary>
/// Issue → present → verify → revoke or suspend → republish → verify, against a real Kestrel server on 127.0.0.1
/// that serves the issuer's JWT VC Issuer Metadata and its Token Status Lists from a SQLite file. The verifier finds
/// the issuer key through the metadata (or a trust list), fetches the Status List Token over HTTP (loopback allowed
/// explicitly), and caches it for its <c>ttl</c>; one fake clock drives issuer, holder, Status Issuer and verifier.
/// </summary>
public sealed class SdJwtVcRevocationEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Vct = "https://credentials.example.jp/vct/age/v1";
    private const string Audience = "https://shop.example.jp";
    private static readonly TimeSpan s_ttl = TimeSpan.FromMinutes(5);

    private readonly TempDatabase _db = new();
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "issuer-2026-11");
    private readonly SigningKey _statusKey = SigningKey.Create(JwsAlgorithm.Es256, "status-2026-11");
    private readonly SigningKey _holderKey = SigningKey.Create(JwsAlgorithm.EdDsa);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private LoopbackServer? _server;
    private SqliteStatusListStore _store = null!;
    private string _origin = string.Empty;
    private int _statusFetches;
    private int _metadataFetches;
    private int _nonces;

    private string IssuerId => _origin + "/issuer";

    public async Task InitializeAsync()
    {
        _store = SqliteStatusListStore.ForFile(_db.Path);
        _server = await LoopbackServer.StartAsync(
            app =>
            {
                app.Use(async (context, next) =>
                {
                    if (context.Request.Path.StartsWithSegments("/statuslists"))
                    {
                        Interlocked.Increment(ref _statusFetches);
                    }
                    else if (context.Request.Path.StartsWithSegments("/.well-known/jwt-vc-issuer"))
                    {
                        Interlocked.Increment(ref _metadataFetches);
                    }

                    await next(context);
                });
                app.MapGet("/.well-known/jwt-vc-issuer/issuer", () => Results.Text(
                    $$$"""{"issuer":"{{{IssuerId}}}","jwks":{"keys":[{{{_issuerKey.PublicJwk.ToJson()}}}]}}""", "application/json"));
                app.MapStatusLists("/statuslists/{id}", context => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}");
            },
            configure: builder => builder.Services.AddSingleton<IStatusListStore>(_store));
        _origin = _server.Origin;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _http.Dispose();
        _issuerKey.Dispose();
        _statusKey.Dispose();
        _holderKey.Dispose();
        _db.Dispose();
    }

    [Theory]
    [InlineData(KeySource.IssuerMetadata)]
    [InlineData(KeySource.TrustList)]
    public async Task Verify_RevokedAndRepublished_AcceptedWhileCachedThenRevoked(KeySource keys)
    {
        var manager = Manager();
        var uri = _origin + "/statuslists/1";
        await manager.CreateListAsync(uri, 2, 1024);
        var reference = (await manager.TryAllocateAsync(uri))!;
        await manager.PublishAsync(uri);
        var credential = await Issue(reference);
        using var trust = CreateTrustList();
        var verifier = Verifier(keys, trust);

        var first = await verifier.VerifyAsync(await Present(credential, out var nonce), Policy(nonce, trust));

        Assert.True(first.IsValid, first.Error?.ToString());
        Assert.Equal(StatusValue.Valid, first.Value.Status);
        Assert.Equal(CheckOutcome.Passed, first.OutcomeOf(CheckKind.Status));
        Assert.Equal(CheckOutcome.Passed, first.OutcomeOf(CheckKind.IssuerTrust));
        Assert.Equal(1, Volatile.Read(ref _statusFetches));
        Assert.Equal(keys == KeySource.IssuerMetadata ? 1 : 0, Volatile.Read(ref _metadataFetches));

        await manager.RevokeAsync(reference);
        await manager.PublishAsync(uri);
        _clock.Advance(s_ttl - TimeSpan.FromSeconds(1));

        var cached = await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust));

        Assert.True(cached.IsValid, cached.Error?.ToString());
        Assert.Equal(1, Volatile.Read(ref _statusFetches));

        _clock.Advance(TimeSpan.FromSeconds(1));

        var revoked = await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust));

        Assert.Equal(StatusErrors.Revoked, revoked.Error?.Code);
        Assert.Equal(VerificationFailureKind.Revoked, revoked.Error?.Kind);
        Assert.Equal(CheckOutcome.Failed, revoked.OutcomeOf(CheckKind.Status));
        Assert.Equal(CheckOutcome.Passed, revoked.OutcomeOf(CheckKind.Signature));
        Assert.Equal(CheckOutcome.Passed, revoked.OutcomeOf(CheckKind.KeyBinding));
        Assert.Equal(2, Volatile.Read(ref _statusFetches));
    }

    [Fact]
    public async Task Verify_SuspendedThenUnsuspended_SuspendedAfterTtlThenValidAgain()
    {
        var manager = Manager();
        var uri = _origin + "/statuslists/2";
        await manager.CreateListAsync(uri, 2, 1024);
        var reference = (await manager.TryAllocateAsync(uri))!;
        var neighbour = (await manager.TryAllocateAsync(uri))!;
        await manager.PublishAsync(uri);
        var credential = await Issue(reference);
        var other = await Issue(neighbour);
        using var trust = CreateTrustList();
        var verifier = Verifier(KeySource.IssuerMetadata, trust);
        Assert.True((await verifier.VerifyAsync(await Present(credential, out var nonce), Policy(nonce, trust))).IsValid);

        await manager.SuspendAsync(reference);
        await manager.PublishAsync(uri);
        Assert.True((await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust))).IsValid);
        _clock.Advance(s_ttl);

        var suspended = await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust));
        var unaffected = await verifier.VerifyAsync(await Present(other, out nonce), Policy(nonce, trust));

        Assert.Equal(StatusErrors.Suspended, suspended.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, suspended.OutcomeOf(CheckKind.Status));
        Assert.True(unaffected.IsValid, unaffected.Error?.ToString());

        await manager.UnsuspendAsync(reference);
        await manager.PublishAsync(uri);
        Assert.Equal(StatusErrors.Suspended, (await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust))).Error?.Code);
        _clock.Advance(s_ttl);

        var reinstated = await verifier.VerifyAsync(await Present(credential, out nonce), Policy(nonce, trust));

        Assert.True(reinstated.IsValid, reinstated.Error?.ToString());
        Assert.Equal(StatusValue.Valid, reinstated.Value.Status);
        Assert.Equal(3, Volatile.Read(ref _statusFetches));
    }

    [Fact]
    public async Task Verify_StatusListUnpublished_FailsWithNotFoundNotAsRevoked()
    {
        var manager = Manager();
        var uri = _origin + "/statuslists/3";
        await manager.CreateListAsync(uri, 1, 64);
        var credential = await Issue((await manager.TryAllocateAsync(uri))!);
        using var trust = CreateTrustList();

        var result = await Verifier(KeySource.IssuerMetadata, trust).VerifyAsync(await Present(credential, out var nonce), Policy(nonce, trust));

        Assert.Equal(HttpErrors.NotFound, result.Error?.Code);
        Assert.Equal(CheckOutcome.Failed, result.OutcomeOf(CheckKind.Status));
        Assert.Equal(CheckOutcome.Passed, result.OutcomeOf(CheckKind.Signature));
    }

    public enum KeySource
    {
        IssuerMetadata,
        TrustList,
    }

    private StatusListIssuer Manager()
        => new(_store, new StatusListTokenIssuer(_statusKey, new StatusListTokenIssuerOptions { TimeProvider = _clock, TimeToLive = s_ttl, Lifetime = TimeSpan.FromDays(1) }));

    private TrustList CreateTrustList()
        => new([new TrustedIssuer { Issuer = IssuerId, Name = "IPA (test)", Keys = [_issuerKey.PublicJwk], CredentialTypes = [Vct] }]);

    private SdJwtVcVerifier Verifier(KeySource keys, TrustList trust)
    {
        IIssuerKeyResolver issuerKeys = keys == KeySource.TrustList
            ? trust
            : new JwtVcIssuerMetadataResolver(_http, new JwtVcIssuerMetadataResolverOptions
            {
                Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
                TimeProvider = _clock,
            });

        // The Status Issuer's key is configured separately from the credential issuer's.
        var statusTokens = new StatusListTokenVerifier(new StaticIssuerKeyResolver(_statusKey.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock });
        var statusLists = new HttpStatusListResolver(_http, statusTokens, new HttpStatusListResolverOptions
        {
            Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
            TimeProvider = _clock,
        });
        return new SdJwtVcVerifier(issuerKeys, statusLists, options: new SdJwtVcVerifierOptions { TimeProvider = _clock });
    }

    private static SdJwtVcPolicy Policy(string nonce, TrustList trust) => new()
    {
        KeyBinding = KeyBindingRequirement.Required(Audience, nonce),
        AcceptedVcts = [Vct],
        IssuerAuthorization = trust,
        Status = StatusCheck.Required,
    };

    private async Task<Credentials.SdJwt.SdJwtToken> Issue(StatusReference reference)
    {
        var issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });
        return await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = Vct,
            Claims = SdJwtPayload.Create().Disclosable("age_over_18", true).Disclosable("age_over_20", true).Disclosable("birth_date", "2003-11-08"),
            HolderKey = _holderKey.PublicJwk,
            Status = reference,
            ExpiresAt = _clock.GetUtcNow().AddYears(1),
        });
    }

    private Task<string> Present(Credentials.SdJwt.SdJwtToken issued, out string nonce)
    {
        nonce = "nonce-" + Interlocked.Increment(ref _nonces);
        return PresentAsync(issued, nonce);
    }

    private async Task<string> PresentAsync(Credentials.SdJwt.SdJwtToken issued, string nonce)
    {
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = _clock });
        var presented = await holder.PresentAsync(issued, [ClaimPath.Of("age_over_20")], new KeyBindingInput(Audience, nonce), _holderKey);
        Assert.True(presented.IsValid, presented.Error?.ToString());
        return presented.Value.Serialize();
    }

}
