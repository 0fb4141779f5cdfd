using System;
using Credentials.AspNetCore.Internal;
using Credentials.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Minimal-API endpoints that serve published Status List Tokens (draft-ietf-oauth-status-list sections 8.1 and 8.2):
/// HTTP GET answers 200 with <c>Content-Type: application/statuslist+jwt</c> and the compact token, 404 when nothing
/// has been published, and 501 for historical requests (<c>?time=</c>, section 8.4), which are not supported. A store
/// that fails is logged (category <c>Credentials.AspNetCore.StatusList</c>) and answered with HTTP 500 and a JSON
/// <c>server_error</c> body.
/// </summary>
public static class StatusListEndpointRouteBuilderExtensions
{
    /// <summary>Serves the last published token of one list.</summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route, for example <c>/statuslists/1</c>.</param>
    /// <param name="listUri">The list's URI (the token's <c>sub</c>); usually the public URL of this route.</param>
    /// <param name="store">The store; when <see langword="null"/>, the <see cref="IStatusListStore"/> registered in DI.</param>
    /// <returns>The endpoint builder, for further conventions (authorization, rate limiting, CORS policies).</returns>
    public static IEndpointConventionBuilder MapStatusList(this IEndpointRouteBuilder endpoints, string pattern, string listUri, IStatusListStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(listUri);
        return endpoints.MapStatusLists(pattern, _ => listUri, store);
    }

    /// <summary>Serves several lists from one route: <paramref name="resolveListUri"/> maps a request (for example its route values) to a list URI.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/statuslists/{id}</c>.</param>
    /// <param name="resolveListUri">Returns the list URI for a request, or <see langword="null"/> for 404.</param>
    /// <param name="store">The store; when <see langword="null"/>, the <see cref="IStatusListStore"/> registered in DI.</param>
    /// <returns>The endpoint builder.</returns>
    public static IEndpointConventionBuilder MapStatusLists(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string?> resolveListUri, IStatusListStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(resolveListUri);
        return endpoints.MapGet(pattern, HostedEndpoint.Guard("Credentials.AspNetCore.StatusList", "Status list endpoint", async context =>
        {
            // Status Lists are public documents meant for browser-based wallets too (section 8.1 recommends CORS).
            context.Response.Headers.AccessControlAllowOrigin = "*";
            if (context.Request.Query.ContainsKey("time"))
            {
                context.Response.StatusCode = StatusCodes.Status501NotImplemented;
                return;
            }

            var uri = resolveListUri(context);
            var source = store ?? context.RequestServices.GetRequiredService<IStatusListStore>();
            var token = uri is null ? null : await source.GetPublishedTokenAsync(uri, context.RequestAborted).ConfigureAwait(false);
            if (token is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = StatusListTokenIssuer.MediaType;
            await context.Response.WriteAsync(token, context.RequestAborted).ConfigureAwait(false);
        }));
    }
}
