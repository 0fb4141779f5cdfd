using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Credentials.Samples.Web.Security;

/// <summary>
/// Answers 413 to a request whose declared <c>Content-Length</c> is above its page's <c>[RequestSizeLimit]</c>,
/// before anything reads the body. Without it the anti-forgery check reads the form first and turns Kestrel's
/// "too large" into a 400, so the client cannot tell "too big" from "bad form".
/// </summary>
internal static class DeclaredBodyLimit
{
    /// <summary>Adds the check; call after <c>UseRouting</c> so the page's limit is known.</summary>
    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            if (limit is long max && context.Request.ContentLength is long declared && declared > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                // The body is not read: close the connection rather than drain megabytes.
                context.Response.Headers.Connection = "close";
                return System.Threading.Tasks.Task.CompletedTask;
            }

            return next(context);
        });
}
