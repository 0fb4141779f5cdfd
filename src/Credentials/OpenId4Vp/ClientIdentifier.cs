using System;

namespace Credentials.OpenId4Vp;

/// <summary>
/// A Client Identifier with its prefix (OpenID4VP 1.0 section 5.9.1): <c>&lt;client_id_prefix&gt;:&lt;orig_client_id&gt;</c>.
/// The prefix is the text before the first <c>:</c>; without a <c>:</c> the client is pre-registered.
/// </summary>
/// <remarks>The full value (<see cref="Value"/>) is what a Key Binding JWT's <c>aud</c> carries (section 14.8).</remarks>
public sealed record ClientIdentifier
{
    private ClientIdentifier(string value, string? prefix, string original)
    {
        Value = value;
        Prefix = prefix;
        OriginalClientId = original;
    }

    /// <summary>The full Client Identifier including the prefix.</summary>
    public string Value { get; }

    /// <summary>The prefix (text before the first <c>:</c>), or <see langword="null"/> for a pre-registered client.</summary>
    public string? Prefix { get; }

    /// <summary>The identifier within the prefix's namespace (after the first <c>:</c>), or the whole value without a prefix.</summary>
    public string OriginalClientId { get; }

    /// <summary>Splits a Client Identifier; never throws for bad input other than <see langword="null"/>.</summary>
    /// <param name="value">The <c>client_id</c> value.</param>
    /// <returns>The identifier, or <see langword="null"/> when it is empty.</returns>
    public static ClientIdentifier? TryParse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0
            ? new ClientIdentifier(value, null, value)
            : new ClientIdentifier(value, value[..colon], value[(colon + 1)..]);
    }

    /// <summary>Creates a <c>redirect_uri:</c> Client Identifier for a Response URI.</summary>
    /// <param name="responseUri">The absolute Response URI.</param>
    public static ClientIdentifier ForRedirectUri(Uri responseUri)
    {
        ArgumentNullException.ThrowIfNull(responseUri);
        if (!responseUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The Response URI must be absolute.", nameof(responseUri));
        }

        return TryParse(ClientIdPrefixes.RedirectUri + ":" + responseUri.AbsoluteUri)!;
    }

    /// <summary>Creates a <c>decentralized_identifier:</c> Client Identifier for a DID.</summary>
    /// <param name="did">The verifier's DID.</param>
    public static ClientIdentifier ForDid(string did)
    {
        ArgumentException.ThrowIfNullOrEmpty(did);
        if (!Dids.Did.TryParse(did, out _))
        {
            throw new ArgumentException("Not a DID.", nameof(did));
        }

        return TryParse(ClientIdPrefixes.DecentralizedIdentifier + ":" + did)!;
    }

    /// <summary>Creates an <c>x509_san_dns:</c> Client Identifier for a DNS name of the verifier's leaf certificate (section 5.9.3).</summary>
    /// <param name="dnsName">The DNS name.</param>
    /// <exception cref="ArgumentException">The name is not a DNS name.</exception>
    public static ClientIdentifier ForX509SanDns(string dnsName)
    {
        ArgumentException.ThrowIfNullOrEmpty(dnsName);
        if (Uri.CheckHostName(dnsName) != UriHostNameType.Dns)
        {
            throw new ArgumentException("Not a DNS name.", nameof(dnsName));
        }

        return TryParse(ClientIdPrefixes.X509SanDns + ":" + dnsName)!;
    }

    /// <summary>Creates an <c>x509_hash:</c> Client Identifier: the base64url SHA-256 of the leaf certificate's DER (section 5.9.3).</summary>
    /// <param name="leaf">The verifier's leaf certificate.</param>
    public static ClientIdentifier ForX509Hash(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return TryParse(ClientIdPrefixes.X509Hash + ":" + Internal.X509ClientAuthentication.Hash(leaf))!;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
