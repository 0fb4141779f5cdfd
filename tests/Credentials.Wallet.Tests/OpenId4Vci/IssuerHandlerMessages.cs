using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using Credentials.OpenId4Vci;

namespace Credentials.Wallet.Tests.OpenId4Vci;

/// <summary>What the in-process issuer handlers of these tests share: reading a form body and answering with a result.</summary>
internal static class IssuerHandlerMessages
{
    /// <summary>A JSON response to <paramref name="request"/>.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json, HttpRequestMessage request)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };

    /// <summary>The issuer's answer as an HTTP response, with its headers and any <c>WWW-Authenticate</c> challenge.</summary>
    public static HttpResponseMessage ToResponse(IssuerEndpointResult result, HttpRequestMessage request)
    {
        var response = Json((HttpStatusCode)result.StatusCode, result.Body, request);
        foreach (var (name, value) in result.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        if (result.WwwAuthenticate is { } challenge)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        return response;
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body as its parameters (repeated names kept in order).</summary>
    public static Dictionary<string, IReadOnlyList<string>> Form(byte[] body)
    {
        var form = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(parts[0].Replace('+', ' '));
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
            if (!form.TryGetValue(name, out var values))
            {
                form[name] = values = [];
            }

            values.Add(value);
        }

        return form.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
