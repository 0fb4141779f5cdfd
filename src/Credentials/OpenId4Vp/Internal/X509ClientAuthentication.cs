using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Credentials.Internal;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.OpenId4Vp.Internal;

/// <summary>
/// The wallet's checks of an <c>x509_san_dns</c> or <c>x509_hash</c> Request Object (OpenID4VP 1.0 section 5.9.3): the
/// leaf of <c>x5c</c> belongs to the Client Identifier, signed the request, and chains to a trust anchor (or is pinned).
/// </summary>
internal static class X509ClientAuthentication
{
    /// <summary>Verifies <paramref name="signed"/> under <paramref name="client"/>; on success the caller owns the returned leaf.</summary>
    public static VerificationResult<(Jwk Key, X509Certificate2 Leaf)> Verify(ClientIdentifier client, Jws signed, OpenId4VpRequestReaderOptions options)
    {
        // Section 5.9.3: the certificate chain is in the x5c JOSE header of the signed Request Object.
        if (!signed.Header.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array
            || x5c.GetArrayLength() == 0 || x5c.GetArrayLength() > options.MaxClientCertificateChainLength)
        {
            return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The Request Object has no usable x5c certificate chain.");
        }

        var certificates = new List<X509Certificate2>(x5c.GetArrayLength());
        var keep = false;
        try
        {
            foreach (var item in x5c.EnumerateArray())
            {
                // RFC 7515 section 4.1.6: base64 (not base64url) DER.
                if (item.ValueKind != JsonValueKind.String || !TryDecodeBase64(item.GetString()!, out var der))
                {
                    return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "An x5c entry is not base64 DER.");
                }

                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (CryptographicException)
                {
                    return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "An x5c entry is not a certificate.");
                }
            }

            var leaf = certificates[0];
            if (CheckIdentity(client, leaf) is { } identityError)
            {
                return identityError;
            }

            var jwk = X509PublicKeys.TryGetEcJwk(leaf) ?? X509PublicKeys.TryGetEd25519Jwk(leaf);
            if (jwk is null)
            {
                return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The leaf certificate's key is not a supported EC or Ed25519 key.");
            }

            var key = VerificationKey.FromJwk(jwk);
            if (!key.IsValid)
            {
                return new VerificationError(OpenId4VpErrors.ClientKeyUnresolved, "The leaf certificate's key is not usable.") { Inner = key.Error };
            }

            using (var verificationKey = key.Value)
            {
                // Section 5.9.3: signed with the private key of the leaf certificate's public key.
                if (signed.VerifySignature(verificationKey, options.AllowedAlgorithms) is { } signatureError)
                {
                    return new VerificationError(OpenId4VpErrors.InvalidRequestSignature, "The Request Object's signature does not verify with the leaf certificate's key.") { Inner = signatureError };
                }
            }

            if (CheckTrust(certificates, options) is { } trustError)
            {
                return trustError;
            }

            keep = true;
            return (jwk, leaf);
        }
        finally
        {
            for (var i = keep ? 1 : 0; i < certificates.Count; i++)
            {
                certificates[i].Dispose();
            }
        }
    }

    /// <summary>The base64url SHA-256 of a certificate's DER, the <c>x509_hash</c> value (section 5.9.3).</summary>
    public static string Hash(X509Certificate2 certificate) => StrictBase64Url.Encode(SHA256.HashData(certificate.RawData));

    /// <summary>Whether a certificate has a <c>dNSName</c> SAN equal (ASCII case-insensitively) to <paramref name="dnsName"/>.</summary>
    public static bool HasDnsName(X509Certificate2 certificate, string dnsName)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var name in san.EnumerateDnsNames())
                {
                    if (string.Equals(name, dnsName, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static VerificationError? CheckIdentity(ClientIdentifier client, X509Certificate2 leaf)
    {
        if (client.Prefix == ClientIdPrefixes.X509SanDns)
        {
            // Section 5.9.3: the original Client Identifier MUST be a DNS name matching a dNSName SAN of the leaf.
            if (Uri.CheckHostName(client.OriginalClientId) != UriHostNameType.Dns)
            {
                return new VerificationError(OpenId4VpErrors.InvalidClientId, "The x509_san_dns client_id is not a DNS name.");
            }

            return HasDnsName(leaf, client.OriginalClientId)
                ? null
                : new VerificationError(OpenId4VpErrors.ClientCertificateMismatch, "The leaf certificate has no dNSName SAN equal to the client_id.");
        }

        // Section 5.9.3: x509_hash is the base64url SHA-256 of the DER leaf certificate.
        return string.Equals(Hash(leaf), client.OriginalClientId, StringComparison.Ordinal)
            ? null
            : new VerificationError(OpenId4VpErrors.ClientCertificateMismatch, "The leaf certificate's hash is not the x509_hash client_id.");
    }

    private static VerificationError? CheckTrust(List<X509Certificate2> certificates, OpenId4VpRequestReaderOptions options)
    {
        var leaf = certificates[0];
        var now = options.TimeProvider.GetUtcNow();
        foreach (var extension in leaf.Extensions)
        {
            if ((extension is X509KeyUsageExtension usage && (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
                || extension is X509BasicConstraintsExtension { CertificateAuthority: true })
            {
                return new VerificationError(OpenId4VpErrors.ClientCertificateUntrusted, "The leaf certificate's key usage does not allow signing requests.");
            }
        }

        foreach (var pinned in options.PinnedClientCertificates)
        {
            if (pinned.RawData.AsSpan().SequenceEqual(leaf.RawData))
            {
                return now < new DateTimeOffset(leaf.NotBefore) || now >= new DateTimeOffset(leaf.NotAfter)
                    ? new VerificationError(OpenId4VpErrors.ClientCertificateExpired, "The pinned leaf certificate is not valid now.")
                    : null;
            }
        }

        if (leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
        {
            return new VerificationError(OpenId4VpErrors.ClientCertificateUntrusted, "The leaf certificate is self-signed and not pinned.");
        }

        if (options.TrustAnchors.Count == 0)
        {
            return new VerificationError(OpenId4VpErrors.ClientCertificateUntrusted, "No trust anchors are configured for x509 clients.");
        }

        var anchors = new X509Certificate2Collection();
        foreach (var anchor in options.TrustAnchors)
        {
            anchors.Add(anchor);
            if (options.RequireHaip)
            {
                for (var i = 1; i < certificates.Count; i++)
                {
                    // HAIP 1.0: the trust anchor's certificate MUST NOT be included in x5c.
                    if (certificates[i].RawData.AsSpan().SequenceEqual(anchor.RawData))
                    {
                        return new VerificationError(OpenId4VpErrors.HaipViolation, "x5c includes the trust anchor.");
                    }
                }
            }
        }

        using var chain = X509Chains.CreateOffline(anchors, now);
        for (var i = 1; i < certificates.Count; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(certificates[i]);
        }

        if (chain.Build(leaf))
        {
            return null;
        }

        foreach (var status in chain.ChainStatus)
        {
            if ((status.Status & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                return new VerificationError(OpenId4VpErrors.ClientCertificateExpired, "A certificate of the chain is not valid now.");
            }
        }

        return new VerificationError(OpenId4VpErrors.ClientCertificateUntrusted, "The x5c chain does not build to a configured trust anchor.");
    }

    private static bool TryDecodeBase64(string text, out byte[] der)
    {
        der = new byte[text.Length * 3 / 4 + 3];
        if (Convert.TryFromBase64String(text, der, out var written) && written > 0)
        {
            der = der[..written];
            return true;
        }

        der = [];
        return false;
    }
}
