using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.AspNetCore.Tests.Diagnostics;

/// <summary>
/// The wallet's HTTP handler that remembers the secrets that crossed the wire (access tokens, codes, nonces, proofs,
/// presentations, credentials), so that a test can assert none of them reached a log or a trace.
/// </summary>
internal sealed class TrafficRecorder() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private static readonly HashSet<string> s_secretFields = new(StringComparer.Ordinal)
    {
        "access_token", "refresh_token", "c_nonce", "pre-authorized_code", "tx_code", "nonce", "proof", "proofs", "jwt",
        "credential", "vp_token", "response", "client_assertion", "wallet_nonce",
    };

    private readonly List<string> _secrets = [];

    public IReadOnlyList<string> Secrets
    {
        get
        {
            lock (_secrets)
            {
                return [.. _secrets.Distinct(StringComparer.Ordinal)];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization?.Parameter is { } credential)
        {
            Add(credential);
        }

        if (request.Headers.TryGetValues("DPoP", out var dpop))
        {
            foreach (var proof in dpop)
            {
                Add(proof);
            }
        }

        if (request.Content is { } content)
        {
            Collect(await content.ReadAsStringAsync(cancellationToken), content.Headers.ContentType?.MediaType);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Collect(await response.Content.ReadAsStringAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private void Collect(string body, string? mediaType)
    {
        if (mediaType == "application/x-www-form-urlencoded")
        {
            foreach (var pair in body.Split('&'))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length == 2 && s_secretFields.Contains(Uri.UnescapeDataString(parts[0])))
                {
                    var value = Uri.UnescapeDataString(parts[1].Replace('+', ' '));
                    Add(value);
                    CollectJson(value, all: true);
                }
            }
        }
        else if (mediaType is "application/jwt" or "application/oauth-authz-req+jwt")
        {
            Add(body);
        }
        else
        {
            CollectJson(body, all: false);
        }
    }

    private void CollectJson(string text, bool all)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            Walk(document.RootElement, all);
        }
        catch (JsonException)
        {
        }
    }

    private void Walk(JsonElement element, bool secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, secret || s_secretFields.Contains(member.Name));
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, secret);
                }

                break;
            case JsonValueKind.String when secret:
                Add(element.GetString()!);
                break;
        }
    }

    private void Add(string secret)
    {
        // The payloads of JWTs (a request object's nonce, a KB-JWT's nonce) hold secrets of their own.
        foreach (var part in secret.Split('~'))
        {
            var segments = part.Split('.');
            if (segments.Length == 3 && segments[1].Length > 0)
            {
                try
                {
                    CollectJson(System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(segments[1])), all: false);
                }
                catch (FormatException)
                {
                }
            }
        }

        // Short values (a "jwt" proof type name, a one-letter code) would match by chance; every real secret is longer.
        if (secret.Length >= 16)
        {
            lock (_secrets)
            {
                _secrets.Add(secret);
            }
        }
    }
}
