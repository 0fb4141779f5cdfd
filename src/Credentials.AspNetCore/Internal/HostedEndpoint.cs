using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credentials.AspNetCore.Internal;

/// <summary>
/// What every hosted endpoint shares: a failure (a store that throws, a full disk, a misconfiguration) is logged and
/// answered with HTTP 500 and a JSON <c>server_error</c> body, never an empty 500; bodies are read within limits and
/// an oversized or malformed one is a protocol error.
/// </summary>
internal static class HostedEndpoint
{
    /// <summary>The OAuth error for an unexpected failure (RFC 6749 section 4.1.2.1).</summary>
    public const string ServerError = "server_error";

    /// <summary>The OAuth error for a malformed request (RFC 6749 section 5.2).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Wraps <paramref name="handler"/>: exceptions become a logged <c>server_error</c>.</summary>
    public static RequestDelegate Guard(string category, string endpoint, RequestDelegate handler) => async context =>
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing to answer.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals while reading the body (too large, malformed chunking, timeout).
            var status = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await RefuseAsync(context, category, endpoint, status, InvalidRequest, status == 413 ? "The request body is too large." : "The request body could not be read.").ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The point: no failure escapes as an empty 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var logger = Logger(context, category);
            EndpointLog.EndpointFailed(logger, endpoint, ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ServerError, "The server could not complete the request.").ConfigureAwait(false);
            }
        }
    };

    public static ILogger Logger(HttpContext context, string category)
        => context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(category) ?? NullLogger.Instance;

    /// <summary>Logs and answers a refused request.</summary>
    public static Task RefuseAsync(HttpContext context, string category, string endpoint, int status, string error, string description)
    {
        var logger = Logger(context, category);
        EndpointLog.RequestRefused(logger, endpoint, status, error, description);
        return WriteErrorAsync(context, status, error, description);
    }

    /// <summary>Writes <c>{"error": …, "error_description": …}</c> with <c>Cache-Control: no-store</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string error, string description)
        => WriteJsonAsync(context, status, new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = error, ["error_description"] = description });

    /// <summary>Writes a flat JSON object of strings with <c>Cache-Control: no-store</c>.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, IReadOnlyDictionary<string, string> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var writer = new Utf8JsonWriter(context.Response.Body);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in body)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Caps the request body at <paramref name="maxLength"/> bytes: a declared <c>Content-Length</c> over it is refused
    /// at once; a chunked body is cut by the server when it grows past it.
    /// </summary>
    /// <returns><see langword="false"/> when the declared length is already too large.</returns>
    public static bool LimitBody(HttpContext context, long maxLength)
    {
        if (context.Request.ContentLength > maxLength)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxLength;
        }

        return true;
    }

    /// <summary>
    /// Reads an <c>application/x-www-form-urlencoded</c> body within limits (multipart is refused). Returns the form, or
    /// the status and description to refuse it with.
    /// </summary>
    public static async Task<(IFormCollection? Form, int Status, string? Problem)> ReadUrlEncodedFormAsync(HttpContext context, long maxLength, int maxFields, int maxValueLength)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status400BadRequest, "The request must be application/x-www-form-urlencoded.");
        }

        if (!LimitBody(context, maxLength))
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxLength} bytes.");
        }

        try
        {
            var form = await context.Request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = maxFields,
                KeyLengthLimit = 256,
                ValueLengthLimit = maxValueLength,
                BufferBodyLengthLimit = maxLength,
            }, context.RequestAborted).ConfigureAwait(false);
            return (form, StatusCodes.Status200OK, null);
        }
        catch (InvalidDataException)
        {
            return (null, StatusCodes.Status400BadRequest, $"The form has more than {maxFields} fields, a name longer than 256 characters or a value longer than {maxValueLength} characters.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxLength} bytes.");
        }
    }

    /// <summary>Reads the whole body (chunked too) up to <paramref name="maxLength"/> bytes; <see langword="null"/> when it is longer.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxLength)
    {
        if (request.ContentLength > maxLength)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxLength)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own cut (LimitBody) of a chunked body that grew past the limit.
            return null;
        }

        return buffer.ToArray();
    }
}
