using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Credentials.AspNetCore.Internal;
using Credentials.AspNetCore.StatusLists;
using Credentials.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Minimal-API endpoints that serve published Status List Tokens (draft-ietf-oauth-status-list sections 8.1 and 8.2):
/// HTTP GET and HEAD answer 200 with <c>Content-Type: application/statuslist+jwt</c> and the compact token, 404 when
/// nothing has been published, and 501 for historical requests (<c>?time=</c>, section 8.4), which are not supported. A
/// store that fails is logged (category <c>Credentials.AspNetCore.StatusList</c>) and answered with HTTP 500 and a JSON
/// <c>server_error</c> body.
/// </summary>
/// <remarks>
/// <para>
/// Responses carry a strong <c>ETag</c> (the SHA-256 of the token) and answer a matching <c>If-None-Match</c> with 304,
/// and <c>Cache-Control: public, max-age=N</c> where N is the time until the token is due to be re-signed (when
/// <c>AddStatusLists</c> is registered), bounded by its <c>ttl</c> and <c>exp</c>, so caches and CDNs never serve a token
/// past the point the issuer replaces it. Verifiers still go by the token's own <c>exp</c> and <c>ttl</c> (section 8.2).
/// </para>
/// <para>
/// No CORS header is added: section 8.1 says the endpoint SHOULD support CORS for browser-based clients, and which
/// origins may read it is the application's policy. Apply it to the returned builder, for example
/// <c>app.UseCors(); app.MapStatusList(...).RequireCors(p =&gt; p.AllowAnyOrigin().WithMethods("GET", "HEAD"))</c> for a
/// public list (after <c>services.AddCors()</c>).
/// </para>
/// </remarks>
public static class StatusListEndpointRouteBuilderExtensions
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Serves the last published token of one list.</summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route, for example <c>/statuslists/1</c>.</param>
    /// <param name="listUri">The list's URI (the token's <c>sub</c>); usually the public URL of this route.</param>
    /// <param name="store">The store; when <see langword="null"/>, the <see cref="IStatusListStore"/> registered in DI (or that of <c>AddStatusLists</c>).</param>
    /// <returns>The endpoint builder, for further conventions (CORS policy, authorization, rate limiting, output caching).</returns>
    public static IEndpointConventionBuilder MapStatusList(this IEndpointRouteBuilder endpoints, string pattern, string listUri, IStatusListStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(listUri);
        return endpoints.MapStatusLists(pattern, _ => listUri, store);
    }

    /// <summary>Serves several lists from one route: <paramref name="resolveListUri"/> maps a request (for example its route values) to a list URI.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/statuslists/{id}</c>.</param>
    /// <param name="resolveListUri">Returns the list URI for a request, or <see langword="null"/> for 404.</param>
    /// <param name="store">The store; when <see langword="null"/>, the <see cref="IStatusListStore"/> registered in DI (or that of <c>AddStatusLists</c>).</param>
    /// <returns>The endpoint builder, for further conventions (CORS policy, authorization, rate limiting, output caching).</returns>
    public static IEndpointConventionBuilder MapStatusLists(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string?> resolveListUri, IStatusListStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(resolveListUri);

        // The last token served per list, with its bytes, ETag and time claims: computed once per published token.
        var served = new ConcurrentDictionary<string, ServedToken>(StringComparer.Ordinal);
        return endpoints.MapMethods(pattern, s_methods, HostedEndpoint.Guard("Credentials.AspNetCore.StatusList", "Status list endpoint", async context =>
        {
            if (context.Request.Query.ContainsKey("time"))
            {
                context.Response.StatusCode = StatusCodes.Status501NotImplemented;
                return;
            }

            var uri = resolveListUri(context);
            var publisher = context.RequestServices.GetService<StatusListPublisher>();
            var source = store ?? context.RequestServices.GetService<IStatusListStore>() ?? publisher?.Store
                ?? throw new InvalidOperationException("No IStatusListStore is registered for the status list endpoint.");
            var token = uri is null ? null : await source.GetPublishedTokenAsync(uri, context.RequestAborted).ConfigureAwait(false);
            if (token is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.Headers.CacheControl = "no-store";
                return;
            }

            if (!served.TryGetValue(uri!, out var current) || !string.Equals(current.Token, token, StringComparison.Ordinal))
            {
                current = new ServedToken(token);
                served[uri!] = current;
            }

            var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
            var headers = context.Response.Headers;
            headers.ETag = current.ETag;
            headers.CacheControl = CacheControl(current.Times, clock.GetUtcNow(), publisher?.RefreshMargin);
            if (EntityTags.IfNoneMatch(context.Request, current.ETag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = StatusListTokenIssuer.MediaType;
            context.Response.ContentLength = current.Bytes.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(current.Bytes, context.RequestAborted).ConfigureAwait(false);
            }
        }));
    }

    /// <summary>
    /// <c>public, max-age=N</c> with N the whole seconds until the earliest of: the <c>ttl</c> (draft-ietf-oauth-status-list
    /// §5.1: the longest a consumer may cache the token), <c>exp</c> (§13.7: never relied upon after it), and the time the
    /// token is due to be re-signed; <c>no-cache</c> (revalidate with the ETag) for a token with neither <c>exp</c> nor
    /// <c>ttl</c> or one that cannot be read.
    /// </summary>
    internal static string CacheControl(StatusListTokenTimes? times, DateTimeOffset now, double? refreshMargin)
    {
        if (times is not { } t)
        {
            return "no-cache";
        }

        TimeSpan? bound = t.TimeToLive;
        if (t.ExpiresAt is { } exp)
        {
            bound = Min(bound, exp - now);
        }

        if (refreshMargin is { } margin && t.RefreshDue(margin) is { } due)
        {
            bound = Min(bound, due - now);
        }

        if (bound is not { } seconds)
        {
            return "no-cache";
        }

        var maxAge = seconds <= TimeSpan.Zero ? 0 : (long)Math.Floor(seconds.TotalSeconds);
        return "public, max-age=" + maxAge.ToString(CultureInfo.InvariantCulture);

        static TimeSpan Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;
    }

    private sealed class ServedToken
    {
        public ServedToken(string token)
        {
            Token = token;
            Bytes = Encoding.ASCII.GetBytes(token);
            ETag = "\"" + Base64Url.EncodeToString(SHA256.HashData(Bytes)) + "\"";
            Times = StatusListTokenTimes.TryRead(token);
        }

        public string Token { get; }

        public byte[] Bytes { get; }

        public string ETag { get; }

        public StatusListTokenTimes? Times { get; }
    }
}
