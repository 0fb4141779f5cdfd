using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.Internal;
using Credentials.OpenId4Vp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Minimal-API endpoints of an OpenID4VP 1.0 verifier: the Response URI (Response Mode <c>direct_post</c>, section
/// 8.2) and the Request URI serving signed Request Objects (section 5.10). The app keeps the secret transaction id and
/// reads results with <see cref="OpenId4VpVerifier.GetResultAsync"/>; no public endpoint exposes results (section 14.3.3).
/// </summary>
public static class OpenId4VpEndpointRouteBuilderExtensions
{
    private const string Category = "Credentials.AspNetCore.OpenId4VpVerifier";

    /// <summary>
    /// Maps <c>POST {ResponsePath}</c> and, when the verifier signs its requests, <c>GET|POST {RequestPath}/{id}</c>.
    /// The paths must be those of the verifier's <c>ResponseUri</c> and <c>RequestUriBase</c>.
    /// </summary>
    /// <remarks>
    /// Every failure is answered with a JSON error body: a response that is not a form post within the limits is
    /// <c>invalid_request</c> (HTTP 400, or 413 for its size); an exception from the verifier (its state store, a
    /// resolver, the signer) is logged under the category <c>Credentials.AspNetCore.OpenId4VpVerifier</c> and answered
    /// with HTTP 500 <c>server_error</c>.
    /// </remarks>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="options">Paths; defaults when <see langword="null"/>.</param>
    /// <returns>The endpoints, for further conventions (rate limiting, CORS).</returns>
    public static IEndpointConventionBuilder MapOpenId4VpVerifier(this IEndpointRouteBuilder endpoints, OpenId4VpEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options ??= new OpenId4VpEndpointOptions();
        var group = endpoints.MapGroup(string.Empty);
        group.MapPost(options.ResponsePath, HostedEndpoint.Guard(Category, "OpenID4VP response endpoint", context => ReceiveAsync(context, options)));
        group.MapMethods(options.RequestPath.TrimEnd('/') + "/{id}", ["GET", "POST"], HostedEndpoint.Guard(Category, "OpenID4VP request endpoint", context => ServeRequestObjectAsync(context, context.Request.RouteValues["id"] as string ?? string.Empty, options)));
        return group;
    }

    private static OpenId4VpVerifier Verifier(HttpContext context, OpenId4VpEndpointOptions options)
        => options.Verifier ?? context.RequestServices.GetRequiredService<OpenId4VpVerifier>();

    private static async Task ReceiveAsync(HttpContext context, OpenId4VpEndpointOptions options)
    {
        var verifier = Verifier(context, options);
        var limit = verifier.Options.MaxVpTokenLength;
        var (form, status, problem) = await HostedEndpoint.ReadUrlEncodedFormAsync(context, limit * 3L + 4096, 32, limit * 3 + 1024).ConfigureAwait(false);
        if (form is null)
        {
            await HostedEndpoint.RefuseAsync(context, Category, "OpenID4VP response endpoint", status, OpenId4VpOAuthErrors.InvalidRequest, problem!).ConfigureAwait(false);
            return;
        }

        // A repeated field reaches the verifier as two entries so it can refuse it.
        var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var result = await verifier.ReceiveResponseAsync(fields, context.RequestAborted).ConfigureAwait(false);
        var body = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.StatusCode == 200)
        {
            if (result.RedirectUri is not null)
            {
                body["redirect_uri"] = result.RedirectUri;
            }
        }
        else
        {
            body["error"] = result.Error ?? OpenId4VpOAuthErrors.InvalidRequest;
            if (result.ErrorDescription is not null)
            {
                body["error_description"] = result.ErrorDescription;
            }
        }

        var logger = HostedEndpoint.Logger(context, Category);
        var code = result.Code?.Value;
        EndpointLog.Answered(logger, "OpenID4VP response endpoint", result.StatusCode, code);
        await HostedEndpoint.WriteJsonAsync(context, result.StatusCode, body).ConfigureAwait(false);
    }

    private static async Task ServeRequestObjectAsync(HttpContext context, string id, OpenId4VpEndpointOptions options)
    {
        var verifier = Verifier(context, options);
        context.Response.Headers.CacheControl = "no-store";
        if (verifier.Options.RequestSigner is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string? walletNonce = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            // Section 5.10: the wallet POSTs wallet_nonce (and wallet_metadata) as a form.
            var (form, status, problem) = await HostedEndpoint.ReadUrlEncodedFormAsync(context, 32 * 1024, 16, 16 * 1024).ConfigureAwait(false);
            if (form is null)
            {
                await HostedEndpoint.RefuseAsync(context, Category, "OpenID4VP request endpoint", status, OpenId4VpOAuthErrors.InvalidRequest, problem!).ConfigureAwait(false);
                return;
            }

            walletNonce = form.TryGetValue("wallet_nonce", out var values) && values.Count == 1 ? values[0] : null;
        }

        var jwt = await verifier.GetRequestObjectAsync(id, walletNonce, context.RequestAborted).ConfigureAwait(false);
        if (!jwt.IsValid)
        {
            context.Response.StatusCode = jwt.Error.Code == OpenId4VpErrors.UnknownState ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = OpenId4VpConstants.RequestObjectMediaType;
        await context.Response.WriteAsync(jwt.Value, context.RequestAborted).ConfigureAwait(false);
    }
}
