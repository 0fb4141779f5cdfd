using System;
using System.Globalization;
using Credentials.AspNetCore.Internal;
using Credentials.Keys.Rotation;
using Credentials.Trust;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// A minimal-API endpoint serving JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc section 5) from an
/// <see cref="IssuerKeySet"/>: <c>{"issuer":…,"jwks":{"keys":[…]}}</c> with the keys published at the moment of the
/// request (next, active and retired keys), so a key rotation shows without a restart.
/// </summary>
/// <remarks>
/// <para>
/// The route is the path of the metadata URL of section 5.1: <c>/.well-known/jwt-vc-issuer</c> inserted between the
/// host and the path of the issuer identifier (<c>https://example.jp/tenant</c> is served at
/// <c>/.well-known/jwt-vc-issuer/tenant</c>), so it is mapped at the host's root, not under the issuer's path.
/// </para>
/// <para>
/// Responses carry <c>Cache-Control: public, max-age=N</c> with N at most the given maximum and never past the next
/// change of any key's state (an activation, a retirement or a key leaving), so caches never serve a key set past
/// the point it changes. No CORS header is added; apply the application's policy to the returned builder.
/// </para>
/// </remarks>
public static class JwtVcIssuerMetadataEndpointRouteBuilderExtensions
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Serves the JWT VC Issuer Metadata of <paramref name="issuer"/> from a fixed key set (it still changes phase over time).</summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="issuer">The issuer identifier: the <c>iss</c> of the credentials.</param>
    /// <param name="keys">The issuer's keys.</param>
    /// <returns>The endpoint builder, for further conventions (CORS policy, rate limiting, output caching).</returns>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> is not an HTTP(S) URL without query or fragment.</exception>
    public static IEndpointConventionBuilder MapJwtVcIssuerMetadata(this IEndpointRouteBuilder endpoints, string issuer, IssuerKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return endpoints.MapJwtVcIssuerMetadata(issuer, () => keys);
    }

    /// <summary>Serves the JWT VC Issuer Metadata of <paramref name="issuer"/> from a key set that may be replaced while the server runs.</summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="issuer">The issuer identifier: the <c>iss</c> of the credentials.</param>
    /// <param name="keys">Returns the current key set; called once per request.</param>
    /// <param name="maxAge">The longest <c>max-age</c>; 10 minutes when omitted.</param>
    /// <returns>The endpoint builder, for further conventions (CORS policy, rate limiting, output caching).</returns>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> is not an HTTP(S) URL without query or fragment.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> is negative.</exception>
    public static IEndpointConventionBuilder MapJwtVcIssuerMetadata(this IEndpointRouteBuilder endpoints, string issuer, Func<IssuerKeySet> keys, TimeSpan? maxAge = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(keys);
        var longest = maxAge ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThan(longest, TimeSpan.Zero, nameof(maxAge));

        // Section 5.1: the well-known segment goes between the host and the issuer's path component.
        var metadataUri = JwtVcIssuerMetadataResolver.GetMetadataUri(issuer)
            ?? throw new ArgumentException("The issuer identifier must be an HTTP(S) URL without query or fragment.", nameof(issuer));
        return endpoints.MapMethods(metadataUri.AbsolutePath, s_methods, HostedEndpoint.Guard("Credentials.AspNetCore.JwtVcIssuerMetadata", "JWT VC Issuer Metadata endpoint", async context =>
        {
            var set = keys() ?? throw new InvalidOperationException("The key set source returned null.");
            var body = set.CreateJwtVcIssuerMetadata(issuer);
            var headers = context.Response.Headers;
            headers.CacheControl = CacheControl(set, longest);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }
        }));
    }

    /// <summary><c>public, max-age=N</c>: N the whole seconds until the next key change, at most <paramref name="maxAge"/>.</summary>
    internal static string CacheControl(IssuerKeySet keys, TimeSpan maxAge)
    {
        var now = keys.TimeProvider.GetUtcNow();
        var bound = maxAge;
        if (keys.GetNextChange(now) is { } change && change - now < bound)
        {
            bound = change - now;
        }

        var seconds = bound <= TimeSpan.Zero ? 0 : (long)Math.Floor(bound.TotalSeconds);
        return "public, max-age=" + seconds.ToString(CultureInfo.InvariantCulture);
    }
}
