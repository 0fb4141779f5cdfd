using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Http;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Status;

public sealed class StatusListResolverTests : IDisposable
{
    private const string Uri = "http://127.0.0.1/statuslists/1";
    private readonly StatusTestSupport _s = new();
    private readonly FakeHandler _handler = new();
    private readonly HttpClient _client;

    public StatusListResolverTests() => _client = new HttpClient(_handler);

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
        _s.Dispose();
    }

    [Fact]
    public async Task GetStatusAsync_RevokedEntry_ReturnsInvalidAsSuccess()
    {
        _handler.Body = await Publish(revoked: 3);

        var result = await Resolver().GetStatusAsync(new StatusReference(Uri, 3));

        Assert.True(result.IsValid);
        Assert.Equal(StatusValue.Invalid, result.Value);
        Assert.Equal("application/statuslist+jwt", _handler.LastAccept);
    }

    [Fact]
    public async Task GetStatusAsync_WithinTtl_UsesCacheUntilTtlPasses()
    {
        var resolver = Resolver();
        _handler.Body = await Publish(revoked: 3, ttl: TimeSpan.FromMinutes(5));
        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(new StatusReference(Uri, 4))).Value);

        _handler.Body = await Publish(revoked: 4, ttl: TimeSpan.FromMinutes(5));
        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddMinutes(4));
        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(new StatusReference(Uri, 4))).Value);
        Assert.Equal(1, _handler.Requests);

        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddMinutes(5));
        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(new StatusReference(Uri, 4))).Value);
        Assert.Equal(2, _handler.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_ExpBeforeTtl_RefetchesAtExp()
    {
        var resolver = Resolver();
        _handler.Body = await Publish(revoked: 3, ttl: TimeSpan.FromHours(5), lifetime: TimeSpan.FromMinutes(30));
        await resolver.GetStatusAsync(new StatusReference(Uri, 3));

        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddMinutes(31));
        _handler.Body = await Publish(revoked: 3, ttl: TimeSpan.FromHours(5), lifetime: TimeSpan.FromMinutes(30));
        var result = await resolver.GetStatusAsync(new StatusReference(Uri, 3));

        Assert.True(result.IsValid);
        Assert.Equal(2, _handler.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_TtlBelowMinimum_CachesForTheMinimum()
    {
        var resolver = Resolver(s_loopback with { MinTimeToLive = TimeSpan.FromMinutes(1) });
        _handler.Body = await Publish(revoked: 3, ttl: TimeSpan.FromSeconds(1));
        await resolver.GetStatusAsync(new StatusReference(Uri, 3));

        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddSeconds(30));
        await resolver.GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(1, _handler.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_MoreListsThanCacheEntries_DropsTheLeastRecentlyUsed()
    {
        var resolver = Resolver(s_loopback with { MaxCacheEntries = 2 });
        var uris = new[] { "http://127.0.0.1/statuslists/a", "http://127.0.0.1/statuslists/b", "http://127.0.0.1/statuslists/c" };
        var tokens = new Dictionary<string, string>();
        foreach (var uri in uris)
        {
            tokens[uri] = await _s.Issuer(null, TimeSpan.FromHours(1)).IssueAsync(uri, new StatusListBuilder(1, 16));
        }

        _handler.BodyFor = request => tokens[request.RequestUri!.ToString()];
        await resolver.GetStatusAsync(new StatusReference(uris[0], 1));
        await resolver.GetStatusAsync(new StatusReference(uris[1], 1));
        await resolver.GetStatusAsync(new StatusReference(uris[0], 1)); // a is now the most recently used
        await resolver.GetStatusAsync(new StatusReference(uris[2], 1)); // evicts b, not a
        Assert.Equal(3, _handler.Requests);

        await resolver.GetStatusAsync(new StatusReference(uris[0], 1));
        Assert.Equal(3, _handler.Requests);
        await resolver.GetStatusAsync(new StatusReference(uris[1], 1));
        Assert.Equal(4, _handler.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_IndexPastEnd_FailsWithIndexOutOfRange()
    {
        _handler.Body = await Publish(revoked: 3);

        var result = await Resolver().GetStatusAsync(new StatusReference(Uri, 16));

        Assert.Equal(StatusErrors.IndexOutOfRange, result.Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_HttpWhenHttpsRequired_FailsWithInsecureTransport()
    {
        _handler.Body = await Publish(revoked: 3);

        var result = await Resolver(s_loopback with { Http = s_loopback.Http with { RequireHttps = true } }).GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(HttpErrors.InsecureTransport, result.Error?.Code);
        Assert.Equal(0, _handler.Requests);
    }

    [Fact]
    public async Task GetStatusAsync_LoopbackWithDefaultPolicy_FailsWithAddressNotAllowed()
    {
        _handler.Body = await Publish(revoked: 3);

        var result = await Resolver(s_loopback with { Http = s_loopback.Http with { AddressPolicy = HttpAddressPolicy.PublicOnly } }).GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(HttpErrors.AddressNotAllowed, result.Error?.Code);
        Assert.Equal(0, _handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "http.not_found")]
    [InlineData(HttpStatusCode.InternalServerError, "http.error_status")]
    public async Task GetStatusAsync_HttpError_FailsWithHttpCode(HttpStatusCode status, string code)
    {
        _handler.Status = status;

        var result = await Resolver().GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(code, result.Error?.Code.Value);
        Assert.Equal(VerificationFailureKind.ResolutionFailed, result.Error?.Kind);
    }

    [Fact]
    public async Task GetStatusAsync_ResponseLargerThanCap_FailsWithTooLarge()
    {
        _handler.Body = new string('a', 4096);

        var result = await Resolver(s_loopback with { Http = s_loopback.Http with { MaxResponseBytes = 1024 } }).GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(HttpErrors.TooLarge, result.Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_RedirectToAnotherHost_FailsWithRedirectNotAllowed()
    {
        _handler.Status = HttpStatusCode.Found;
        _handler.Location = new System.Uri("http://127.0.0.2/statuslists/1");

        var result = await Resolver().GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(HttpErrors.RedirectNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_TokenForAnotherList_FailsWithSubjectMismatch()
    {
        _handler.Body = await _s.Issuer().IssueAsync("http://127.0.0.1/statuslists/2", new StatusListBuilder(1, 16));

        var result = await Resolver().GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(StatusErrors.SubjectMismatch, result.Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_NonHttpUri_FailsWithListUnavailable()
    {
        var result = await Resolver().GetStatusAsync(new StatusReference("urn:example:list", 3));

        Assert.Equal(StatusErrors.ListUnavailable, result.Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_FailedFetch_IsNotCached()
    {
        var resolver = Resolver();
        _handler.Status = HttpStatusCode.InternalServerError;
        Assert.False((await resolver.GetStatusAsync(new StatusReference(Uri, 3))).IsValid);

        _handler.Status = HttpStatusCode.OK;
        _handler.Body = await Publish(revoked: 3);

        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(new StatusReference(Uri, 3))).Value);
    }

    [Fact]
    public async Task OfflineResolver_SuppliedToken_ReturnsStatus()
    {
        var resolver = new OfflineStatusListResolver(_s.Verifier());
        resolver.Add(Uri, await Publish(revoked: 3));

        Assert.Equal(StatusValue.Invalid, (await resolver.GetStatusAsync(new StatusReference(Uri, 3))).Value);
        Assert.Equal(StatusValue.Valid, (await resolver.GetStatusAsync(new StatusReference(Uri, 2))).Value);
    }

    [Fact]
    public async Task OfflineResolver_NoTokenForUri_FailsWithListUnavailable()
    {
        var resolver = new OfflineStatusListResolver(_s.Verifier());

        var result = await resolver.GetStatusAsync(new StatusReference(Uri, 3));

        Assert.Equal(StatusErrors.ListUnavailable, result.Error?.Code);
    }

    [Fact]
    public async Task OfflineResolver_TokenExpiresAfterFirstUse_FailsWithListExpired()
    {
        var resolver = new OfflineStatusListResolver(_s.Verifier());
        resolver.Add(Uri, await Publish(revoked: 3, lifetime: TimeSpan.FromHours(1)));
        Assert.True((await resolver.GetStatusAsync(new StatusReference(Uri, 3))).IsValid);

        _s.Clock.SetUtcNow(StatusTestSupport.Start.AddHours(2));

        Assert.Equal(StatusErrors.ListExpired, (await resolver.GetStatusAsync(new StatusReference(Uri, 3))).Error?.Code);
    }

    [Fact]
    public async Task OfflineResolver_TokenSuppliedUnderWrongUri_FailsWithSubjectMismatch()
    {
        var resolver = new OfflineStatusListResolver(_s.Verifier());
        resolver.Add("http://127.0.0.1/statuslists/9", await Publish(revoked: 3));

        var result = await resolver.GetStatusAsync(new StatusReference("http://127.0.0.1/statuslists/9", 3));

        Assert.Equal(StatusErrors.SubjectMismatch, result.Error?.Code);
    }

    private static readonly HttpStatusListResolverOptions s_loopback = new() { Http = HttpStatusListResolverOptions.Default.Http with { RequireHttps = false, AddressPolicy = HttpAddressPolicy.PublicAndLoopback } };

    private HttpStatusListResolver Resolver(HttpStatusListResolverOptions? options = null)
        => new(_client, _s.Verifier(), (options ?? s_loopback) with { TimeProvider = _s.Clock });

    private async Task<string> Publish(long revoked, TimeSpan? ttl = null, TimeSpan? lifetime = null)
    {
        var builder = new StatusListBuilder(1, 16).Set(revoked, StatusValue.Invalid);
        return await _s.Issuer(lifetime, ttl).IssueAsync(Uri, builder);
    }

    private sealed class FakeHandler : HttpMessageHandler
    {
        private int _requests;

        public string Body { get; set; } = string.Empty;

        public Func<HttpRequestMessage, string>? BodyFor { get; set; }

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public System.Uri? Location { get; set; }

        public string? LastAccept { get; private set; }

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            LastAccept = string.Join(",", System.Linq.Enumerable.Select(request.Headers.Accept, a => a.MediaType));
            var response = new HttpResponseMessage(Status) { RequestMessage = request, Content = new StringContent(BodyFor?.Invoke(request) ?? Body, Encoding.ASCII, "application/statuslist+jwt") };
            if (Location is not null)
            {
                response.Headers.Location = Location;
            }

            return Task.FromResult(response);
        }
    }
}
