using System;
using System.Collections.Generic;
using Credentials.OpenId4Vci;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Credentials.AspNetCore.Internal;

/// <summary>Builds the <see cref="IssuerHttpRequest"/> of an ASP.NET Core request and writes an <see cref="IssuerEndpointResult"/>'s headers.</summary>
internal static class IssuerHttpRequests
{
    /// <summary>
    /// The method, the absolute URL the client addressed (scheme, host, path base and path as received, without query;
    /// behind a proxy, the forwarded-headers middleware makes them the public ones) and every header.
    /// </summary>
    public static IssuerHttpRequest From(HttpContext context)
    {
        var request = context.Request;
        var url = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);
        var headers = new Dictionary<string, IReadOnlyList<string>>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            var list = new string[values.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = values[i] ?? string.Empty;
            }

            headers[name] = list;
        }

        return new IssuerHttpRequest { Method = request.Method, Url = new Uri(url, UriKind.Absolute), Headers = headers };
    }

    /// <summary>Writes the result's extra headers (before the body).</summary>
    public static void WriteHeaders(HttpContext context, IssuerEndpointResult result)
    {
        foreach (var (name, value) in result.Headers)
        {
            context.Response.Headers[name] = value;
        }
    }
}
