using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.OpenId4Vp;

namespace Credentials.Samples.Verifier;

/// <summary>
/// The verifier identified by its certificate (<c>--client-id-prefix x509_san_dns|x509_hash --cert --key</c>): signed
/// Request Objects served by reference with <c>request_uri_method=post</c> and the chain in <c>x5c</c>.
/// </summary>
/// <param name="Prefix">The Client Identifier Prefix.</param>
/// <param name="Key">The request signing key (certified by the leaf).</param>
/// <param name="Chain">The chain, leaf first.</param>
internal sealed record VerifierIdentity(string Prefix, SigningKey Key, IReadOnlyList<X509Certificate2> Chain)
{
    /// <summary>The DNS name the origin must use for <c>x509_san_dns</c> (the leaf's first dNSName SAN), or <see langword="null"/>.</summary>
    public string? DnsName
    {
        get
        {
            foreach (var extension in Chain[0].Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension san)
                {
                    foreach (var name in san.EnumerateDnsNames())
                    {
                        return name;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>The Client Identifier.</summary>
    public string ClientId => Prefix == ClientIdPrefixes.X509Hash
        ? ClientIdentifier.ForX509Hash(Chain[0]).Value
        : ClientIdentifier.ForX509SanDns(DnsName ?? "localhost").Value;
}
