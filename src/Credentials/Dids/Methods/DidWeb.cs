using System;
using System.Collections.Generic;
using System.Globalization;
using Credentials.Keys;

namespace Credentials.Dids.Methods;

/// <summary>
/// The did:web method (W3C CCG did:web): <c>did:web:example.com</c> is published at
/// <c>https://example.com/.well-known/did.json</c>, <c>did:web:example.com:issuers:1</c> at
/// <c>https://example.com/issuers/1/did.json</c>, and a port is encoded as <c>%3A</c>.
/// </summary>
public static class DidWeb
{
    /// <summary>Creates a did:web for a host, an optional port and optional path segments.</summary>
    /// <param name="host">The DNS name (or IPv4 address) of the host, for example <c>issuer.example.com</c>.</param>
    /// <param name="port">The port, when it is not 443.</param>
    /// <param name="path">Path segments, for example <c>["issuers", "1"]</c> for <c>/issuers/1/did.json</c>.</param>
    /// <exception cref="ArgumentException">The host, port or a path segment is not valid.</exception>
    public static Did Create(string host, int? port = null, params string[] path)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(path);
        if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            throw new ArgumentException("The host must be a DNS name or an IPv4 address.", nameof(host));
        }

        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port));
        }

        // did:web section 3.1: the port's colon is percent-encoded; path segments are separated by ':'.
        var text = "did:web:" + host.ToLowerInvariant() + (port is null ? string.Empty : "%3A" + port.Value.ToString(CultureInfo.InvariantCulture));
        foreach (var segment in path)
        {
            if (string.IsNullOrEmpty(segment) || segment is "." or ".." || segment.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException("Path segments must be non-empty and must not be '.', '..' or contain ':'.", nameof(path));
            }

            text += ":" + segment;
        }

        // A DID whose document URL would be refused (a segment decoding to '..', a '/' …) is never created.
        return Did.TryParse(text, out var did) && GetDocumentUri(did).IsValid
            ? did
            : throw new ArgumentException("A path segment holds characters a did:web path cannot hold.", nameof(path));
    }

    /// <summary>
    /// The HTTPS URL of a did:web's document (did:web section 3.2, Read): ':' becomes '/', <c>%3A</c> in the
    /// domain becomes the port separator, <c>/.well-known</c> is used when there is no path, and <c>/did.json</c> is appended.
    /// </summary>
    /// <param name="did">The DID.</param>
    /// <returns>The URL, or <c>did.invalid_did</c>.</returns>
    public static VerificationResult<Uri> GetDocumentUri(Did did) => GetDocumentUri(did, Uri.UriSchemeHttps);

    internal static VerificationResult<Uri> GetDocumentUri(Did did, string scheme)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (did.Method != DidMethodNames.Web)
        {
            return new VerificationError(DidErrors.InvalidDid, "The DID is not a did:web.");
        }

        var parts = did.MethodSpecificId.Split(':');
        var authority = parts[0].Replace("%3A", ":", StringComparison.OrdinalIgnoreCase);
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? authority : authority[..colon];
        if (authority.Contains('%', StringComparison.Ordinal) || Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:web domain is not a host name.");
        }

        if (colon >= 0 && (!int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:web port is not valid.");
        }

        var path = "/.well-known";
        if (parts.Length > 1)
        {
            path = string.Empty;
            for (var i = 1; i < parts.Length; i++)
            {
                // Each segment is percent-decoded before it is judged: "%2e%2e" is "..", which a URL parser would
                // resolve and so fetch a document the DID does not name. Empty, '.', '..' and segments holding a path
                // separator are refused; the decoded segment is re-encoded so the URL names exactly it.
                if (PercentDecode(parts[i]) is not { } segment)
                {
                    return new VerificationError(DidErrors.InvalidDid, "The did:web path has a segment that is not valid percent-encoded UTF-8.");
                }

                if (segment.Length == 0 || segment is "." or ".." || segment.AsSpan().IndexOfAny('/', '\\') >= 0 || segment.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || segment.Contains('\u007f', StringComparison.Ordinal))
                {
                    return new VerificationError(DidErrors.InvalidDid, "The did:web path has an empty, '.' or '..' segment, or one holding a path separator or a control character.");
                }

                path += "/" + Uri.EscapeDataString(segment);
            }
        }

        path += "/did.json";
        if (!Uri.TryCreate(scheme + "://" + authority + path, UriKind.Absolute, out var uri))
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:web does not map to a URL.");
        }

        // The URL must name exactly the host, port and path the DID names: nothing normalised away or added.
        var expectedPort = colon >= 0 ? int.Parse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture) : uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        if (!string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase) || uri.Port != expectedPort
            || !string.Equals(uri.AbsolutePath, path, StringComparison.Ordinal) || uri.Query.Length != 0 || uri.Fragment.Length != 0 || uri.UserInfo.Length != 0)
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:web does not map to a URL with exactly its host and path.");
        }

        return uri;
    }

    private static string? PercentDecode(string segment)
    {
        if (!segment.Contains('%', StringComparison.Ordinal))
        {
            return segment;
        }

        var bytes = new List<byte>(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] != '%')
            {
                if (segment[i] > 0x7F)
                {
                    return null;
                }

                bytes.Add((byte)segment[i]);
                continue;
            }

            if (i + 2 >= segment.Length || !byte.TryParse(segment.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }

            bytes.Add(b);
            i += 2;
        }

        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Builds the DID document an issuer publishes as <c>did.json</c>: each signing key as a <c>JsonWebKey</c>
    /// verification method <c>#key-1</c>, <c>#key-2</c>… under authentication and assertionMethod, and each
    /// key-agreement key (numbered after them) under keyAgreement.
    /// </summary>
    /// <param name="did">The did:web.</param>
    /// <param name="signingKeys">The public signing keys.</param>
    /// <param name="keyAgreementKeys">The public key-agreement keys, if any.</param>
    /// <exception cref="ArgumentException">The DID is not a did:web, or a key is private.</exception>
    public static DidDocument CreateDocument(Did did, IEnumerable<Jwk> signingKeys, IEnumerable<Jwk>? keyAgreementKeys = null)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(signingKeys);
        if (did.Method != DidMethodNames.Web)
        {
            throw new ArgumentException("The DID is not a did:web.", nameof(did));
        }

        var methods = new List<VerificationMethod>();
        var signing = new List<VerificationMethodReference>();
        var agreement = new List<VerificationMethodReference>();
        foreach (var key in signingKeys)
        {
            var method = VerificationMethod.CreateJsonWebKey(did.Value + "#key-" + (methods.Count + 1).ToString(CultureInfo.InvariantCulture), did, key);
            methods.Add(method);
            signing.Add(VerificationMethodReference.To(method.Id));
        }

        foreach (var key in keyAgreementKeys ?? [])
        {
            var method = VerificationMethod.CreateJsonWebKey(did.Value + "#key-" + (methods.Count + 1).ToString(CultureInfo.InvariantCulture), did, key);
            methods.Add(method);
            agreement.Add(VerificationMethodReference.To(method.Id));
        }

        return new DidDocument
        {
            Context = [DidContexts.DidV1, DidContexts.JsonWebKey],
            Id = did.Value,
            VerificationMethod = methods,
            Authentication = signing,
            AssertionMethod = signing,
            KeyAgreement = agreement,
        };
    }
}
