using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Credentials.AspNetCore.Internal;

/// <summary>Conditional requests on the entity tags the hosted endpoints send.</summary>
internal static class EntityTags
{
    /// <summary>
    /// Whether the request's <c>If-None-Match</c> matches <paramref name="etag"/> (a quoted strong tag): RFC 9110
    /// section 13.1.2 uses the weak comparison (<c>W/"x"</c> matches <c>"x"</c>), and <c>*</c> matches any current
    /// representation. No header, no match.
    /// </summary>
    public static bool IfNoneMatch(HttpRequest request, string etag)
    {
        if (!request.Headers.ContainsKey(HeaderNames.IfNoneMatch))
        {
            return false;
        }

        foreach (var candidate in request.GetTypedHeaders().IfNoneMatch)
        {
            if (candidate.Equals(EntityTagHeaderValue.Any) || candidate.Tag.Equals(etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
