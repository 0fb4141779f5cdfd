using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore;
using Credentials.AspNetCore.Diagnostics;
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
    /// The paths must be those of the verifier's <c>ResponseUri</c> and <c>RequestUriBase</c>. With
    /// <see cref="OpenId4VpEndpointOptions.DcApiQuery"/>, also the Digital Credentials API endpoints for the verifier's
    /// pages (Appendix A), which accept only requests whose <c>Origin</c> header is one of the verifier's
    /// <c>ExpectedOrigins</c> (else HTTP 403): <c>POST {DcApiRequestPath}</c> (optionally <c>?signed=true|false</c>)
    /// answers <c>{"transaction_id", "protocol", "data", "expires_at"}</c>; <c>POST {DcApiResponsePath}</c> takes the JSON
    /// <c>{"transaction_id": …, "data": {…}}</c> (the <c>data</c> of the returned <c>DigitalCredential</c>), answers each
    /// transaction once (a replay is HTTP 409, an unknown or expired transaction 404, an answer that does not decrypt 400) and returns the verification result
    /// with only the claims the query asked for.
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
        if (options.DcApiQuery is not null)
        {
            group.MapPost(options.DcApiRequestPath, HostedEndpoint.Guard(Category, DcApiRequestEndpoint, context => CreateDcApiRequestAsync(context, options)));
            group.MapPost(options.DcApiResponsePath, HostedEndpoint.Guard(Category, DcApiResponseEndpoint, context => ReceiveDcApiResponseAsync(context, options)));
        }

        return group;
    }

    private static OpenId4VpVerifier Verifier(HttpContext context, OpenId4VpEndpointOptions options)
        => options.Verifier ?? (options.VerifierName is { } name ? context.RequestServices.GetRequiredKeyedService<OpenId4VpVerifier>(name) : context.RequestServices.GetRequiredService<OpenId4VpVerifier>());

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
        LogPresentation(logger, "OpenID4VP response endpoint", result.TransactionId, result.StatusCode == 200, code);
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
        string? walletMetadata = null;
        var posted = HttpMethods.IsPost(context.Request.Method);
        if (posted)
        {
            // Section 5.10: the wallet POSTs wallet_nonce (and wallet_metadata) as a form.
            var (form, status, problem) = await HostedEndpoint.ReadUrlEncodedFormAsync(context, 32 * 1024, 16, 16 * 1024).ConfigureAwait(false);
            if (form is null)
            {
                await HostedEndpoint.RefuseAsync(context, Category, "OpenID4VP request endpoint", status, OpenId4VpOAuthErrors.InvalidRequest, problem!).ConfigureAwait(false);
                return;
            }

            walletNonce = form.TryGetValue("wallet_nonce", out var values) && values.Count == 1 ? values[0] : null;
            walletMetadata = form.TryGetValue("wallet_metadata", out var metadata) && metadata.Count == 1 ? metadata[0] : null;
        }

        var jwt = posted
            ? await verifier.GetRequestObjectForPostAsync(id, walletNonce, walletMetadata, context.RequestAborted).ConfigureAwait(false)
            : await verifier.GetRequestObjectAsync(id, null, context.RequestAborted).ConfigureAwait(false);
        var logger = HostedEndpoint.Logger(context, Category);
        if (!jwt.IsValid)
        {
            context.Response.StatusCode = jwt.Error.Code == OpenId4VpErrors.UnknownState ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            VerifierEndpointLog.RequestObjectRefused(logger, "OpenID4VP request endpoint", context.Response.StatusCode, jwt.Error.Code.Value);
            return;
        }

        VerifierEndpointLog.RequestObjectServed(logger, "OpenID4VP request endpoint");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = OpenId4VpConstants.RequestObjectMediaType;
        await context.Response.WriteAsync(jwt.Value, context.RequestAborted).ConfigureAwait(false);
    }

    private const string DcApiRequestEndpoint = "OpenID4VP DC API request endpoint";
    private const string DcApiResponseEndpoint = "OpenID4VP DC API response endpoint";

    private static async Task CreateDcApiRequestAsync(HttpContext context, OpenId4VpEndpointOptions options)
    {
        var verifier = Verifier(context, options);
        var origin = context.Request.Headers.Origin.ToString();
        if (!verifier.IsExpectedOrigin(origin))
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiRequestEndpoint, StatusCodes.Status403Forbidden, OpenId4VpOAuthErrors.InvalidRequest, "The request does not come from an expected Origin.").ConfigureAwait(false);
            return;
        }

        var signed = options.DcApiSigned;
        if (context.Request.Query.TryGetValue("signed", out var value))
        {
            if (!bool.TryParse(value.ToString(), out signed))
            {
                await HostedEndpoint.RefuseAsync(context, Category, DcApiRequestEndpoint, StatusCodes.Status400BadRequest, OpenId4VpOAuthErrors.InvalidRequest, "signed is neither true nor false.").ConfigureAwait(false);
                return;
            }
        }

        if (signed && verifier.Options.RequestSigner is null)
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiRequestEndpoint, StatusCodes.Status400BadRequest, OpenId4VpOAuthErrors.InvalidRequest, "This verifier does not sign its requests.").ConfigureAwait(false);
            return;
        }

        var transaction = await verifier.CreateDigitalCredentialsApiRequestAsync(options.DcApiQuery!(context), signed, context.RequestAborted).ConfigureAwait(false);
        VerifierEndpointLog.DcApiRequestCreated(HostedEndpoint.Logger(context, Category), DcApiRequestEndpoint, transaction.TransactionId, signed);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(transaction.ToJson(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ReceiveDcApiResponseAsync(HttpContext context, OpenId4VpEndpointOptions options)
    {
        var verifier = Verifier(context, options);
        var origin = context.Request.Headers.Origin.ToString();
        if (!verifier.IsExpectedOrigin(origin))
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiResponseEndpoint, StatusCodes.Status403Forbidden, OpenId4VpOAuthErrors.InvalidRequest, "The response does not come from an expected Origin.").ConfigureAwait(false);
            return;
        }

        var limit = verifier.Options.MaxVpTokenLength * 2 + 8192;
        if (!HostedEndpoint.LimitBody(context, limit))
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiResponseEndpoint, StatusCodes.Status413PayloadTooLarge, OpenId4VpOAuthErrors.InvalidRequest, "The body is larger than the limit.").ConfigureAwait(false);
            return;
        }

        var bytes = await HostedEndpoint.ReadBodyAsync(context.Request, limit).ConfigureAwait(false);
        if (bytes is null)
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiResponseEndpoint, StatusCodes.Status413PayloadTooLarge, OpenId4VpOAuthErrors.InvalidRequest, "The body is larger than the limit.").ConfigureAwait(false);
            return;
        }

        using var document = Credentials.Internal.SafeJson.TryParse(bytes, 64);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("transaction_id", out var tx) || tx.ValueKind != JsonValueKind.String
            || !document.RootElement.TryGetProperty("data", out var data))
        {
            await HostedEndpoint.RefuseAsync(context, Category, DcApiResponseEndpoint, StatusCodes.Status400BadRequest, OpenId4VpOAuthErrors.InvalidRequest, "The body is not {\"transaction_id\": string, \"data\": object}.").ConfigureAwait(false);
            return;
        }

        var result = await verifier.ReceiveDigitalCredentialsApiResponseAsync(tx.GetString()!, data, origin, context.RequestAborted).ConfigureAwait(false);
        var logger = HostedEndpoint.Logger(context, Category);
        if (!result.IsValid)
        {
            var status = result.Error.Code == OpenId4VpErrors.ResponseReplayed ? StatusCodes.Status409Conflict
                : result.Error.Code == OpenId4VpErrors.OriginMismatch ? StatusCodes.Status403Forbidden
                : result.Error.Code == OpenId4VpErrors.UnknownTransaction ? StatusCodes.Status404NotFound
                : StatusCodes.Status400BadRequest;
            EndpointLog.Answered(logger, DcApiResponseEndpoint, status, result.Error.Code.Value);
            VerifierEndpointLog.ResponseRefused(logger, DcApiResponseEndpoint, result.Error.Code.Value);
            await HostedEndpoint.WriteJsonAsync(context, status, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["error"] = OpenId4VpOAuthErrors.InvalidRequest,
                ["error_description"] = result.Error.Message,
                ["code"] = result.Error.Code.Value,
            }).ConfigureAwait(false);
            return;
        }

        EndpointLog.Answered(logger, DcApiResponseEndpoint, StatusCodes.Status200OK, result.Value.Error?.Code.Value);
        LogPresentation(logger, DcApiResponseEndpoint, result.Value.TransactionId, result.Value.Status != OpenId4VpTransactionStatus.Rejected, result.Value.Error?.Code.Value);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var writer = new Utf8JsonWriter(context.Response.Body);
        await using (writer.ConfigureAwait(false))
        {
            WriteResult(writer, result.Value);
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Logs a processed response by its transaction's digest and error code (a 200 with a code is the wallet's error response).</summary>
    private static void LogPresentation(Microsoft.Extensions.Logging.ILogger logger, string endpoint, string? transactionId, bool answered, string? code)
    {
        if (transactionId is null)
        {
            VerifierEndpointLog.ResponseRefused(logger, endpoint, code ?? OpenId4VpErrors.UnknownState.Value);
        }
        else if (!answered || (code is not null && code != OpenId4VpErrors.WalletError.Value))
        {
            VerifierEndpointLog.PresentationRejected(logger, endpoint, transactionId, code ?? "-");
        }
        else if (code is not null)
        {
            VerifierEndpointLog.WalletError(logger, endpoint, transactionId);
        }
        else
        {
            VerifierEndpointLog.PresentationAccepted(logger, endpoint, transactionId);
        }
    }

    // The result for the page, with only the claims the query asked for (the verifier learns, and shows, nothing more).
    private static void WriteResult(Utf8JsonWriter w, OpenId4VpTransactionResult result)
    {
        w.WriteStartObject();
        w.WriteString("transaction_id", result.TransactionId);
        w.WriteString("status", result.Status switch
        {
            OpenId4VpTransactionStatus.Accepted => "accepted",
            OpenId4VpTransactionStatus.Rejected => "rejected",
            OpenId4VpTransactionStatus.WalletError => "wallet_error",
            _ => "pending",
        });
        if (result.Error is { } error)
        {
            w.WriteString("code", error.Code.Value);
            if (error.Inner is { } inner)
            {
                w.WriteString("cause", inner.Code.Value);
            }
        }

        if (result.WalletError is not null)
        {
            w.WriteString("wallet_error", result.WalletError);
        }

        // For display: every requested claim of the valid presentations by its dotted name (for mdoc, namespace.element).
        w.WriteStartObject("claims");
        if (result.IsAccepted)
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in result.Presentations.Where(p => p.IsValid && p.Claims is not null))
            {
                foreach (var path in p.RequestedClaims)
                {
                    if (path.TrySelect(p.Claims!.Value, out var selection) && selection.Count == 1 && written.Add(path.ToDisplayString()))
                    {
                        w.WritePropertyName(path.ToDisplayString());
                        selection[0].Value.WriteTo(w);
                    }
                }
            }
        }

        w.WriteEndObject();
        w.WriteStartArray("presentations");
        foreach (var p in result.Presentations)
        {
            w.WriteStartObject();
            w.WriteString("query_id", p.QueryId);
            w.WriteBoolean("valid", p.IsValid);
            if (p.Format is not null)
            {
                w.WriteString("format", p.Format);
            }

            if (p.Error is { } pe)
            {
                w.WriteString("code", pe.Code.Value);
            }

            if (p.Vct is not null)
            {
                w.WriteString("vct", p.Vct);
            }

            if (p.DocType is not null)
            {
                w.WriteString("doctype", p.DocType);
            }

            if (p.Issuer is not null)
            {
                w.WriteString("issuer", p.Issuer);
            }

            w.WriteStartArray("claims");
            if (p.IsValid && p.Claims is { } claims)
            {
                foreach (var path in p.RequestedClaims)
                {
                    if (path.TrySelect(claims, out var selection) && selection.Count == 1)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("path");
                        w.WriteRawValue(path.ToString(), skipInputValidation: true);
                        w.WritePropertyName("value");
                        selection[0].Value.WriteTo(w);
                        w.WriteEndObject();
                    }
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
