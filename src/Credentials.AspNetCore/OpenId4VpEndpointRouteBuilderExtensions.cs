using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.OpenId4Vp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
    /// <summary>
    /// Maps <c>POST {ResponsePath}</c> and, when the verifier signs its requests, <c>GET|POST {RequestPath}/{id}</c>.
    /// The paths must be those of the verifier's <c>ResponseUri</c> and <c>RequestUriBase</c>.
    /// </summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="options">Paths; defaults when <see langword="null"/>.</param>
    /// <returns>The endpoints, for further conventions (rate limiting, CORS).</returns>
    public static IEndpointConventionBuilder MapOpenId4VpVerifier(this IEndpointRouteBuilder endpoints, OpenId4VpEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        options ??= new OpenId4VpEndpointOptions();
        var group = endpoints.MapGroup(string.Empty);
        group.MapPost(options.ResponsePath, context => ReceiveAsync(context, options));
        group.MapMethods(options.RequestPath.TrimEnd('/') + "/{id}", ["GET", "POST"], context => ServeRequestObjectAsync(context, context.Request.RouteValues["id"] as string ?? string.Empty, options));
        return group;
    }

    private static OpenId4VpVerifier Verifier(HttpContext context, OpenId4VpEndpointOptions options)
        => options.Verifier ?? context.RequestServices.GetRequiredService<OpenId4VpVerifier>();

    private static async Task ReceiveAsync(HttpContext context, OpenId4VpEndpointOptions options)
    {
        var verifier = Verifier(context, options);
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            await WriteJsonAsync(context, 400, new Dictionary<string, string> { ["error"] = OpenId4VpOAuthErrors.InvalidRequest, ["error_description"] = "The response must be application/x-www-form-urlencoded." }).ConfigureAwait(false);
            return;
        }

        var limit = verifier.Options.MaxVpTokenLength;
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions
            {
                ValueLengthLimit = limit * 3 + 1024,
                KeyLengthLimit = 256,
                ValueCountLimit = 32,
                MultipartBodyLengthLimit = limit * 3L + 4096,
            }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (System.IO.InvalidDataException)
        {
            await WriteJsonAsync(context, 400, new Dictionary<string, string> { ["error"] = OpenId4VpOAuthErrors.InvalidRequest, ["error_description"] = "The form is too large." }).ConfigureAwait(false);
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

        await WriteJsonAsync(context, result.StatusCode, body).ConfigureAwait(false);
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
            if (!context.Request.HasFormContentType)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var form = await context.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = 16 * 1024, ValueCountLimit = 16, KeyLengthLimit = 256 }, context.RequestAborted).ConfigureAwait(false);
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

    private static async Task WriteJsonAsync(HttpContext context, int status, Dictionary<string, string> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.Body);
        await using var _ = writer.ConfigureAwait(false);
        writer.WriteStartObject();
        foreach (var (name, value) in body)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
