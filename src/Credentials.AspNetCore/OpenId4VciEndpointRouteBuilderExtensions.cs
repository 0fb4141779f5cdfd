using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.Diagnostics;
using Credentials.AspNetCore.Internal;
using Credentials.OpenId4Vci;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OpenID4VCI 1.0 issuer endpoints (minimal APIs) of the <see cref="OpenId4VciIssuer"/> registered in DI.</summary>
public static class OpenId4VciEndpointRouteBuilderExtensions
{
    private const string Category = "Credentials.AspNetCore.OpenId4VciIssuer";

    /// <summary>
    /// Maps, for an issuer identifier with path <c>{p}</c> (empty for none):
    /// <c>GET /.well-known/openid-credential-issuer{p}</c> (Credential Issuer Metadata),
    /// <c>GET /.well-known/oauth-authorization-server{p}</c> (Authorization Server Metadata),
    /// <c>POST {p}/token</c>, <c>POST {p}/nonce</c>, <c>POST {p}/credential</c>,
    /// <c>POST {p}/deferred_credential</c> and <c>POST {p}/notification</c> (answering <c>invalid_transaction_id</c> /
    /// <c>invalid_notification_id</c> unless the issuer enables them) and <c>GET {p}/credential-offer/{id}</c> (offers by
    /// reference), and for the Authorization Code Flow <c>POST {p}/par</c> (RFC 9126) and <c>GET {p}/authorize</c>, which
    /// hands a valid request to <see cref="OpenId4VciEndpointOptions.AuthorizationPage"/>.
    /// </summary>
    /// <remarks>
    /// Every failure is a protocol error with a JSON body: a Token Request that is not a form post within
    /// <paramref name="options"/>' limits is <c>invalid_request</c> (HTTP 400, or 413 for its size); an exception from
    /// the issuer (its state store, the status list, the signer, the app's callback) is logged under the category
    /// <c>Credentials.AspNetCore.OpenId4VciIssuer</c> and answered with HTTP 500 <c>server_error</c>.
    /// </remarks>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="issuerPath">
    /// The path of the Credential Issuer Identifier (for example <c>/ipa</c>, or empty). When <see langword="null"/> the
    /// issuer is resolved now and its path used; pass it explicitly when the identifier is known only after the server
    /// starts (for example a test on port 0). It must equal the identifier's path.
    /// </param>
    /// <param name="options">The request limits; the defaults when <see langword="null"/>.</param>
    /// <returns>A group builder for conventions (rate limiting, CORS …).</returns>
    /// <exception cref="ArgumentException">The path does not start with <c>/</c>, or a limit is not positive.</exception>
    public static RouteGroupBuilder MapOpenId4VciIssuer(this IEndpointRouteBuilder endpoints, string? issuerPath = null, OpenId4VciEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options ??= new OpenId4VciEndpointOptions();
        if (options.MaxTokenRequestLength <= 0 || options.MaxTokenRequestFields <= 0 || options.MaxTokenRequestValueLength <= 0)
        {
            throw new ArgumentException("The Token Request limits must be positive.", nameof(options));
        }

        var prefix = (issuerPath ?? (options.IssuerName is { } name ? endpoints.ServiceProvider.GetRequiredKeyedService<OpenId4VciIssuer>(name) : endpoints.ServiceProvider.GetRequiredService<OpenId4VciIssuer>()).PathPrefix).TrimEnd('/');
        if (prefix.Length > 0 && prefix[0] != '/')
        {
            throw new ArgumentException("The issuer path must start with '/'.", nameof(issuerPath));
        }

        var group = endpoints.MapGroup(string.Empty);
        if (options.IssuerName is not null)
        {
            group.WithMetadata(new NamedIssuer(options.IssuerName));
        }

        group.MapGet(CredentialIssuerMetadata.WellKnownPath + prefix, Guard("metadata", context =>
            WriteJsonAsync(context, 200, Issuer(context, prefix).MetadataJson, cache: true)));
        group.MapGet(AuthorizationServerMetadata.WellKnownPath + prefix, Guard("authorization server metadata", context =>
            WriteJsonAsync(context, 200, Issuer(context, prefix).AuthorizationServerMetadataJson, cache: true)));
        group.MapPost(prefix + "/token", Guard("token", async context =>
        {
            var issuer = Issuer(context, prefix);

            // RFC 6749 section 4.1.3 / 3.2: the Token Request is an application/x-www-form-urlencoded POST.
            var (form, status, problem) = await HostedEndpoint.ReadUrlEncodedFormAsync(context, options.MaxTokenRequestLength, options.MaxTokenRequestFields, options.MaxTokenRequestValueLength).ConfigureAwait(false);
            if (form is null)
            {
                await HostedEndpoint.RefuseAsync(context, Category, "OpenID4VCI token endpoint", status, HostedEndpoint.InvalidRequest, problem!).ConfigureAwait(false);
                return;
            }

            var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, values) in form)
            {
                parameters[name] = [.. ((IEnumerable<string?>)values).Select(v => v ?? string.Empty)];
            }

            var tokenResult = await issuer.HandleTokenRequestAsync(IssuerHttpRequests.From(context), parameters, context.RequestAborted).ConfigureAwait(false);
            if (tokenResult.IsSuccess && parameters.TryGetValue("grant_type", out var grantType) && grantType.Count == 1)
            {
                // Only a grant the issuer accepted, so a known grant type (never the attacker's text).
                var logger = HostedEndpoint.Logger(context, Category);
                IssuerEndpointLog.TokenIssued(logger, grantType[0]);
            }

            await WriteAsync(context, "OpenID4VCI token endpoint", tokenResult).ConfigureAwait(false);
        }));
        group.MapPost(prefix + "/par", Guard("pushed authorization request", async context =>
        {
            var issuer = Issuer(context, prefix);

            // RFC 9126 section 2.1: the pushed request is an application/x-www-form-urlencoded POST.
            var (form, status, problem) = await HostedEndpoint.ReadUrlEncodedFormAsync(context, options.MaxTokenRequestLength, options.MaxTokenRequestFields, OpenId4VciIssuer.MaxAuthorizationDetailsLength).ConfigureAwait(false);
            if (form is null)
            {
                await HostedEndpoint.RefuseAsync(context, Category, "OpenID4VCI PAR endpoint", status, HostedEndpoint.InvalidRequest, problem!).ConfigureAwait(false);
                return;
            }

            var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, values) in form)
            {
                parameters[name] = [.. ((IEnumerable<string?>)values).Select(v => v ?? string.Empty)];
            }

            await WriteAsync(context, "OpenID4VCI PAR endpoint", await issuer.HandlePushedAuthorizationRequestAsync(IssuerHttpRequests.From(context), parameters, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        group.MapGet(prefix + "/authorize", Guard("authorization", async context =>
        {
            var issuer = Issuer(context, prefix);
            var query = context.Request.Query;
            var clientId = query["client_id"].Count == 1 ? query["client_id"][0] : null;
            var requestUri = query["request_uri"].Count == 1 ? query["request_uri"][0] : null;
            var pending = await issuer.BeginAuthorizationAsync(clientId, requestUri, context.RequestAborted).ConfigureAwait(false);
            if (!pending.IsValid)
            {
                // RFC 6749 section 4.1.2.1: without a trusted redirect_uri the error is shown, never redirected.
                var logger = HostedEndpoint.Logger(context, Category);
                var error = pending.Error.Code.Value;
                EndpointLog.Answered(logger, "OpenID4VCI authorization endpoint", 400, error);
                await WriteJsonAsync(context, 400, ProtocolErrorResponse.From(pending.Error.Code, pending.Error.Message).ToJson(), cache: false).ConfigureAwait(false);
                return;
            }

            var page = options.AuthorizationPage ?? throw new InvalidOperationException("OpenId4VciEndpointOptions.AuthorizationPage is required for the Authorization Code Flow.");
            context.Response.Headers.CacheControl = "no-store";
            await page(context, pending.Value).ConfigureAwait(false);
        }));
        group.MapPost(prefix + "/nonce", Guard("nonce", async context =>
            await WriteAsync(context, "OpenID4VCI nonce endpoint", await Issuer(context, prefix).HandleNonceRequestAsync(IssuerHttpRequests.From(context), context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false)));
        group.MapPost(prefix + "/credential", Guard("credential", async context =>
        {
            var issuer = Issuer(context, prefix);

            // Section 10: an encrypted request is application/jwt, a plain one application/json.
            var (_, body) = await ReadIssuerBodyAsync(context, CredentialRequest.MaxLength).ConfigureAwait(false);
            var result = await issuer.HandleCredentialRequestAsync(IssuerHttpRequests.From(context), body, context.RequestAborted).ConfigureAwait(false);
            if (result.Issued is { } issued && options.OnCredentialIssued is { } onIssued)
            {
                await onIssued(new CredentialIssuedContext
                {
                    HttpContext = context,
                    CredentialConfigurationId = issued.ConfigurationId,
                    SubjectId = issued.SubjectId,
                    Count = issued.Count,
                    StatusReferences = issued.StatusReferences,
                }).ConfigureAwait(false);
            }

            await WriteAsync(context, "OpenID4VCI credential endpoint", result).ConfigureAwait(false);
        }));
        group.MapPost(prefix + "/deferred_credential", Guard("deferred credential", async context =>
        {
            var issuer = Issuer(context, prefix);
            var (_, body) = await ReadIssuerBodyAsync(context, DeferredCredentialRequest.MaxLength).ConfigureAwait(false);
            await WriteAsync(context, "OpenID4VCI deferred credential endpoint", await issuer.HandleDeferredCredentialRequestAsync(IssuerHttpRequests.From(context), body, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        group.MapPost(prefix + "/notification", Guard("notification", async context =>
        {
            var issuer = Issuer(context, prefix);
            var (contentType, body) = await ReadIssuerBodyAsync(context, NotificationRequest.MaxLength).ConfigureAwait(false);
            if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                body = null;
            }

            await WriteAsync(context, "OpenID4VCI notification endpoint", await issuer.HandleNotificationRequestAsync(IssuerHttpRequests.From(context), body, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        group.MapGet(prefix + "/credential-offer/{id}", Guard("credential offer", async context =>
        {
            var id = context.Request.RouteValues["id"] as string ?? string.Empty;
            var json = await Issuer(context, prefix).GetOfferJsonAsync(id, context.RequestAborted).ConfigureAwait(false);
            var logger = HostedEndpoint.Logger(context, Category);
            if (json is null)
            {
                IssuerEndpointLog.OfferNotFound(logger);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.Headers.CacheControl = "no-store";
                return;
            }

            IssuerEndpointLog.OfferServed(logger);
            await WriteJsonAsync(context, 200, json, cache: false).ConfigureAwait(false);
        }));
        return group;
    }

    private static RequestDelegate Guard(string endpoint, RequestDelegate handler)
        => HostedEndpoint.Guard(Category, "OpenID4VCI " + endpoint + " endpoint", handler);

    private static OpenId4VciIssuer Issuer(HttpContext context, string prefix)
    {
        var issuer = context.GetEndpoint()?.Metadata.GetMetadata<NamedIssuer>() is { } named
            ? context.RequestServices.GetRequiredKeyedService<OpenId4VciIssuer>(named.Name)
            : context.RequestServices.GetRequiredService<OpenId4VciIssuer>();
        if (!string.Equals(issuer.PathPrefix, prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The endpoints were mapped under '{prefix}' but the Credential Issuer Identifier's path is '{issuer.PathPrefix}'.");
        }

        return issuer;
    }

    private static Task WriteAsync(HttpContext context, string endpoint, IssuerEndpointResult response)
    {
        var logger = HostedEndpoint.Logger(context, Category);
        var code = response.Code?.Value;
        EndpointLog.Answered(logger, endpoint, response.StatusCode, code);
        if (code is not null && !response.IsSuccess)
        {
            IssuerEndpointLog.RequestRefused(logger, endpoint, response.StatusCode, code);
        }
        else if (response.Issued is { } issued)
        {
            IssuerEndpointLog.CredentialIssued(logger, issued.Count, issued.ConfigurationId, issued.Format);
        }

        if (response.WwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = response.WwwAuthenticate;
        }

        IssuerHttpRequests.WriteHeaders(context, response);
        if (response.StatusCode == StatusCodes.Status204NoContent)
        {
            // OpenID4VCI section 11.2: a successful notification is 204 without a body.
            context.Response.StatusCode = response.StatusCode;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }

        return WriteJsonAsync(context, response.StatusCode, response.Body, cache: false, response.ContentType);
    }

    /// <summary>The media type and the body (null when too large) of an <c>application/json</c> or <c>application/jwt</c> request; other media types have no body.</summary>
    private static async Task<(string? ContentType, ReadOnlyMemory<byte>? Body)> ReadIssuerBodyAsync(HttpContext context, int maxLength)
    {
        var contentType = context.Request.ContentType;
        var jwt = contentType is not null && contentType.StartsWith("application/jwt", StringComparison.OrdinalIgnoreCase);
        var json = contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

        // An encrypted body is the base64url JWE of the JSON: a third larger, plus its header.
        var limit = jwt ? (maxLength * 4 / 3) + 4096 : maxLength;
        if ((json || jwt) && HostedEndpoint.LimitBody(context, limit))
        {
            return (contentType, await HostedEndpoint.ReadBodyAsync(context.Request, limit).ConfigureAwait(false));
        }

        return (json || jwt ? contentType : null, null);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, string json, bool cache, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (!cache)
        {
            // Tokens, nonces, credentials and errors are never cached (RFC 6749 section 5.1; OpenID4VCI sections 7.2, 8.3).
            context.Response.Headers.CacheControl = "no-store";
        }

        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Endpoint metadata naming the keyed issuer the endpoints serve.</summary>
    private sealed record NamedIssuer(string Name);
}
