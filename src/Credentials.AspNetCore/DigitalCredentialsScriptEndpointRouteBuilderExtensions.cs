using System;
using System.Threading.Tasks;
using Credentials.AspNetCore.DigitalCredentials;
using Credentials.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Serves the verifier page's Digital Credentials API script (<see cref="DigitalCredentialsScript"/>) from this
/// assembly: no CDN, no static files folder, no inline script in the page.
/// </summary>
public static class DigitalCredentialsScriptEndpointRouteBuilderExtensions
{
    // Revalidated hourly; a changed script (a new package version) gets a new entity tag.
    private const string CacheControl = "public, max-age=3600";

    /// <summary>
    /// Maps <c>GET|HEAD {pattern}</c> to the script, with <c>Content-Type: text/javascript; charset=utf-8</c>, a
    /// strong <c>ETag</c> (a matching <c>If-None-Match</c> is answered 304), <c>Cache-Control: public, max-age=3600</c>
    /// and <c>X-Content-Type-Options: nosniff</c>. The page loads it with
    /// <c>&lt;script src="/credentials-dc-api.js" defer&gt;&lt;/script&gt;</c> (optionally with
    /// <c>integrity="@DigitalCredentialsScript.Integrity"</c>).
    /// </summary>
    /// <param name="endpoints">The route builder (for example the <c>WebApplication</c>).</param>
    /// <param name="pattern">The path, <see cref="DigitalCredentialsScript.DefaultPath"/> unless given.</param>
    /// <returns>The endpoint, for further conventions.</returns>
    public static IEndpointConventionBuilder MapDigitalCredentialsScript(this IEndpointRouteBuilder endpoints, string pattern = DigitalCredentialsScript.DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        return endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], ServeAsync);
    }

    private static Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = DigitalCredentialsScript.ETag;
        headers.CacheControl = CacheControl;
        headers.XContentTypeOptions = "nosniff";
        if (EntityTags.IfNoneMatch(context.Request, DigitalCredentialsScript.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var content = DigitalCredentialsScript.Content;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = DigitalCredentialsScript.ContentType;
        response.ContentLength = content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }
}
