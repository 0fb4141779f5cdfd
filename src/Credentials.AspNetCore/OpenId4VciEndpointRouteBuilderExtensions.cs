using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OpenID4VCI 1.0 issuer endpoints (minimal APIs) of the <see cref="OpenId4VciIssuer"/> registered in DI.</summary>
public static class OpenId4VciEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, for an issuer identifier with path <c>{p}</c> (empty for none):
    /// <c>GET /.well-known/openid-credential-issuer{p}</c> (Credential Issuer Metadata),
    /// <c>GET /.well-known/oauth-authorization-server{p}</c> (Authorization Server Metadata),
    /// <c>POST {p}/token</c>, <c>POST {p}/nonce</c>, <c>POST {p}/credential</c> and
    /// <c>GET {p}/credential-offer/{id}</c> (offers by reference).
    /// </summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="issuerPath">
    /// The path of the Credential Issuer Identifier (for example <c>/ipa</c>, or empty). When <see langword="null"/> the
    /// issuer is resolved now and its path used; pass it explicitly when the identifier is known only after the server
    /// starts (for example a test on port 0). It must equal the identifier's path.
    /// </param>
    /// <returns>A group builder for conventions (rate limiting, CORS …).</returns>
    public static RouteGroupBuilder MapOpenId4VciIssuer(this IEndpointRouteBuilder endpoints, string? issuerPath = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var prefix = (issuerPath ?? endpoints.ServiceProvider.GetRequiredService<OpenId4VciIssuer>().PathPrefix).TrimEnd('/');
        if (prefix.Length > 0 && prefix[0] != '/')
        {
            throw new ArgumentException("The issuer path must start with '/'.", nameof(issuerPath));
        }

        var group = endpoints.MapGroup(string.Empty);
        group.MapGet(CredentialIssuerMetadata.WellKnownPath + prefix, new RequestDelegate(context =>
            WriteJsonAsync(context, 200, Issuer(context, prefix).MetadataJson, cache: true)));
        group.MapGet(AuthorizationServerMetadata.WellKnownPath + prefix, new RequestDelegate(context =>
            WriteJsonAsync(context, 200, Issuer(context, prefix).AuthorizationServerMetadataJson, cache: true)));
        group.MapPost(prefix + "/token", new RequestDelegate(async context =>
        {
            var issuer = Issuer(context, prefix);
            if (!context.Request.HasFormContentType)
            {
                await WriteAsync(context, IssuerEndpointResult.Fail(OpenId4VciErrors.InvalidRequest, "The Token Request must be application/x-www-form-urlencoded.")).ConfigureAwait(false);
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, values) in form)
            {
                parameters[name] = [.. ((IEnumerable<string?>)values).Select(v => v ?? string.Empty)];
            }

            await WriteAsync(context, await issuer.HandleTokenRequestAsync(parameters, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        group.MapPost(prefix + "/nonce", new RequestDelegate(async context =>
            await WriteAsync(context, await Issuer(context, prefix).HandleNonceRequestAsync(context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false)));
        group.MapPost(prefix + "/credential", new RequestDelegate(async context =>
        {
            var issuer = Issuer(context, prefix);
            var body = await ReadJsonBodyAsync(context.Request, CredentialRequest.MaxLength).ConfigureAwait(false);
            var response = await issuer.HandleCredentialRequestAsync(context.Request.Headers.Authorization.Count == 1 ? context.Request.Headers.Authorization[0] : null, body, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, response).ConfigureAwait(false);
        }));
        group.MapGet(prefix + "/credential-offer/{id}", new RequestDelegate(async context =>
        {
            var id = context.Request.RouteValues["id"] as string ?? string.Empty;
            var json = await Issuer(context, prefix).GetOfferJsonAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (json is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.Headers.CacheControl = "no-store";
                return;
            }

            await WriteJsonAsync(context, 200, json, cache: false).ConfigureAwait(false);
        }));
        return group;
    }

    private static OpenId4VciIssuer Issuer(HttpContext context, string prefix)
    {
        var issuer = context.RequestServices.GetRequiredService<OpenId4VciIssuer>();
        if (!string.Equals(issuer.PathPrefix, prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The endpoints were mapped under '{prefix}' but the Credential Issuer Identifier's path is '{issuer.PathPrefix}'.");
        }

        return issuer;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadJsonBodyAsync(HttpRequest request, int max)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task WriteAsync(HttpContext context, IssuerEndpointResult response)
    {
        if (response.WwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = response.WwwAuthenticate;
        }

        return WriteJsonAsync(context, response.StatusCode, response.Body, cache: false);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, string json, bool cache)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (!cache)
        {
            // Tokens, nonces, credentials and errors are never cached (RFC 6749 section 5.1; OpenID4VCI sections 7.2, 8.3).
            context.Response.Headers.CacheControl = "no-store";
        }

        return context.Response.WriteAsync(json, context.RequestAborted);
    }
}
