using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Keys.Rotation;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;
using Credentials.Testing;
using Credentials.Testing.Ports;
using Credentials.Trust;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Rotation;

/// <summary>
/// Issuer key rotation against a real Kestrel server on 127.0.0.1 that serves the issuer's JWT VC Issuer Metadata from
/// a key set replaced while it runs; verifiers find keys with <see cref="JwtVcIssuerMetadataResolver"/> over HTTP. One
/// fake clock drives the key set, the issuers and the verifiers.
/// </summary>
public sealed class IssuerKeyRotationEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Vct = "https://credentials.example.jp/vct/ipa-exam/v1";
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_credentialLifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan s_statusLifetime = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset s_activation = s_t0.AddHours(1);

    private readonly SigningKey _key1 = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2026-12");
    private readonly SigningKey _key2 = SigningKey.Create(JwsAlgorithm.Es256, "ipa-2027-01");
    private readonly FakeTimeProvider _clock = new(s_t0);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private string _origin = string.Empty;
    private LoopbackServer? _server;
    private IssuerKeySet _keys = null!;
    private int _metadataFetches;

    private string IssuerId => _origin + "/exam";

    private static DateTimeOffset RetainUntil => IssuerKey.ComputeRetainUntil(s_activation, s_credentialLifetime, s_statusLifetime);

    public async Task InitializeAsync()
    {
        _keys = new IssuerKeySet([new IssuerKey(_key1, _key1.PublicJwk, s_t0)], _clock);
        // The issuer identifier is mapped before the app starts: another port is picked if this one is taken.
        _server = await LoopbackPort.OnFreshPortAsync(origin =>
        {
            _origin = origin;
            return LoopbackServer.StartAsync(
                app =>
                {
                    app.Use(async (context, next) =>
                    {
                        if (context.Request.Path.StartsWithSegments("/.well-known/jwt-vc-issuer"))
                        {
                            Interlocked.Increment(ref _metadataFetches);
                        }

                        await next(context);
                    });
                    app.MapJwtVcIssuerMetadata(IssuerId, () => Volatile.Read(ref _keys));
                },
                configure: builder => builder.WebHost.UseUrls(origin));
        });
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
        _key1.Dispose();
        _key2.Dispose();
    }

    [Fact]
    public async Task Rotate_OldCredentialsVerifyUntilRetainUntilNewOnesAtOnce()
    {
        var issuer = new SdJwtVcIssuer(new RotatingSigner(() => Volatile.Read(ref _keys)), options: new SdJwtVcIssuerOptions { Issuer = IssuerId, TimeProvider = _clock });

        // A verifier that keeps metadata for a day: its copy predates the next key.
        var longCache = Verifier(TimeSpan.FromDays(1));
        var byKey1 = await IssueAsync(issuer);
        AssertValid(await longCache.VerifyAsync(byKey1, Policy));
        Assert.Equal(1, Volatile.Read(ref _metadataFetches));

        // Rotation: key 2 published as next at once, active an hour later; key 1 kept until its credentials expire.
        Rotate();
        var published = await MetadataKidsAsync();
        Assert.Equal(["ipa-2026-12", "ipa-2027-01"], published);

        _clock.SetUtcNow(s_activation);
        var byKey2 = await IssueAsync(issuer);
        Assert.Equal("ipa-2027-01", Jws.ReadCompact(byKey2.Split('~')[0]).Value.KeyId);

        // The long-cache verifier has never seen key 2: the unknown kid makes it fetch the metadata once more.
        var fetchesBefore = Volatile.Read(ref _metadataFetches);
        var second = await longCache.VerifyAsync(byKey2, Policy);
        Assert.True(second.IsValid, second.Error?.ToString());
        Assert.Equal(fetchesBefore + 1, Volatile.Read(ref _metadataFetches));
        AssertValid(await longCache.VerifyAsync(byKey1, Policy));

        // Key 1 retired but still published: its credentials verify for a fresh verifier too, almost to the end.
        _clock.SetUtcNow(s_t0 + s_credentialLifetime - TimeSpan.FromMinutes(5));
        var late = await Verifier(TimeSpan.FromMinutes(10)).VerifyAsync(byKey1, Policy);
        Assert.True(late.IsValid, late.Error?.ToString());

        // Past retain-until key 1 is gone from the metadata: the existing unknown-key code.
        _clock.SetUtcNow(RetainUntil);
        Assert.Equal(["ipa-2027-01"], await MetadataKidsAsync());
        var gone = await Verifier(TimeSpan.FromMinutes(10)).VerifyAsync(byKey1, Policy);
        Assert.Equal(TrustErrors.KeyNotFound, gone.Error?.Code);
        AssertValid(await Verifier(TimeSpan.FromMinutes(10)).VerifyAsync(await IssueAsync(issuer), Policy));
    }

    [Fact]
    public async Task Rotate_StatusListTokenByOldKeyValidUntilItExpiresThenReSignedByNewKey()
    {
        var uri = IssuerId + "/status/1";
        var tokens = new StatusListTokenIssuer(new RotatingSigner(() => Volatile.Read(ref _keys)), new StatusListTokenIssuerOptions
        {
            Issuer = IssuerId,
            TimeProvider = _clock,
            Lifetime = s_statusLifetime,
            TimeToLive = TimeSpan.FromHours(1),
        });
        var list = new StatusListBuilder(1, 1024);
        var verifier = new StatusListTokenVerifier(Resolver(TimeSpan.FromDays(1)), new StatusListTokenVerifierOptions { TimeProvider = _clock });

        var oldToken = await tokens.IssueAsync(uri, list);
        AssertValid(await verifier.VerifyAsync(oldToken, uri));
        Rotate();
        _clock.SetUtcNow(s_activation);
        var newToken = await tokens.IssueAsync(uri, list);

        var old = await verifier.VerifyAsync(oldToken, uri);
        var renewed = await verifier.VerifyAsync(newToken, uri);

        Assert.True(old.IsValid, old.Error?.ToString());
        Assert.True(renewed.IsValid, renewed.Error?.ToString());
        Assert.Equal("ipa-2027-01", Jws.ReadCompact(newToken).Value.KeyId);

        _clock.SetUtcNow(s_t0 + s_statusLifetime + TimeSpan.FromMinutes(2));
        Assert.Equal(VerificationFailureKind.Expired, (await verifier.VerifyAsync(oldToken, uri)).Error?.Kind);
        AssertValid(await verifier.VerifyAsync(await tokens.IssueAsync(uri, list), uri));
    }

    [Fact]
    public async Task Metadata_CacheControlNeverPastTheNextKeyChange()
    {
        using var initial = await _server!.Client.GetAsync("/.well-known/jwt-vc-issuer/exam");
        Rotate();
        _clock.SetUtcNow(s_activation - TimeSpan.FromSeconds(90));
        using var beforeActivation = await _server.Client.GetAsync("/.well-known/jwt-vc-issuer/exam");
        using var head = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/.well-known/jwt-vc-issuer/exam"));
        using var wrongPath = await _server.Client.GetAsync("/exam/.well-known/jwt-vc-issuer");

        Assert.Equal(HttpStatusCode.OK, initial.StatusCode);
        Assert.Equal("application/json", initial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(10), initial.Headers.CacheControl?.MaxAge);
        Assert.True(initial.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(90), beforeActivation.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
    }

    private static void AssertValid(SdJwtVcVerificationResult result) => Assert.True(result.IsValid, result.Error?.ToString());

    private static void AssertValid(VerificationResult<StatusListToken> result) => Assert.True(result.IsValid, result.Error?.ToString());

    private static SdJwtVcPolicy Policy { get; } = new() { KeyBinding = KeyBindingRequirement.Forbidden, AcceptedVcts = [Vct], Status = StatusCheck.Skip };

    private void Rotate()
        => Volatile.Write(ref _keys, _keys.Rotate(new IssuerKey(_key2, _key2.PublicJwk, s_activation), RetainUntil));

    private async Task<string> IssueAsync(SdJwtVcIssuer issuer)
        => (await issuer.IssueAsync(new SdJwtVcIssuance
        {
            Vct = Vct,
            Claims = SdJwtPayload.Create().Disclosable("exam", "基本情報技術者試験").Disclosable("passed", true),
            ExpiresAt = _clock.GetUtcNow() + s_credentialLifetime,
        })).ToString();

    private async Task<string[]> MetadataKidsAsync()
    {
        using var doc = JsonDocument.Parse(await _server!.Client.GetStringAsync("/.well-known/jwt-vc-issuer/exam"));
        Assert.Equal(IssuerId, doc.RootElement.GetProperty("issuer").GetString());
        return [.. System.Linq.Enumerable.Select(doc.RootElement.GetProperty("jwks").GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString()!)];
    }

    private JwtVcIssuerMetadataResolver Resolver(TimeSpan cacheDuration) => new(_http, new JwtVcIssuerMetadataResolverOptions
    {
        Http = new() { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback },
        TimeProvider = _clock,
        CacheDuration = cacheDuration,
    });

    private SdJwtVcVerifier Verifier(TimeSpan cacheDuration)
        => new(Resolver(cacheDuration), options: new SdJwtVcVerifierOptions { TimeProvider = _clock, RequireConfirmationKey = false });
}
