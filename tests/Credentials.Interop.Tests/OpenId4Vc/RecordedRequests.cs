using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Credentials.Interop.Tests.OpenId4Vc;

/// <summary>One HTTP request a loopback test server received: what a peer's server-side checks need to see it again.</summary>
internal sealed record RecordedRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string>? Form)
{
    /// <summary>The request as the JSON the node scripts take (<c>method</c>, <c>url</c>, <c>headers</c>, <c>form</c>).</summary>
    public JsonObject ToJson(string kind)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        JsonObject? form = null;
        if (Form is not null)
        {
            form = [];
            foreach (var (name, value) in Form)
            {
                form[name] = value;
            }
        }

        return new JsonObject { ["kind"] = kind, ["method"] = Method, ["url"] = Url, ["headers"] = headers, ["form"] = form };
    }
}

/// <summary>
/// Records every request a test's Kestrel host receives (method, absolute URL without query, headers, and the form of a
/// form POST), before the endpoints run, so the test can hand our client's requests to another implementation's checks.
/// </summary>
internal sealed class RecordedRequests
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public RecordedRequest Single(string method, string pathEnd)
        => All.Single(r => r.Method == method && new Uri(r.Url).AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal));

    public IReadOnlyList<RecordedRequest> Where(string method, string pathEnd)
        => [.. All.Where(r => r.Method == method && new Uri(r.Url).AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal))];

    public void Use(WebApplication app)
        => app.Use(async (context, next) =>
        {
            var request = context.Request;
            request.EnableBuffering();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers)
            {
                headers[name] = values.ToString();
            }

            Dictionary<string, string>? form = null;
            if (request.HasFormContentType)
            {
                var read = await request.ReadFormAsync();
                form = read.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
                request.Body.Position = 0;
            }

            var url = request.Scheme + "://" + request.Host + request.PathBase + request.Path;
            lock (_requests)
            {
                _requests.Add(new RecordedRequest(request.Method, url, headers, form));
            }

            await next(context);
        });
}
