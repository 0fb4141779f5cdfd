using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Formats.Asn1;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Keys;

/// <summary>
/// An issuer's X.509 certificate chain, leaf (the signing certificate) first, each certificate signed by the next:
/// what goes into the JWS <c>x5c</c> header (RFC 7515 section 4.1.6) of an SD-JWT VC or the COSE <c>x5chain</c>
/// header (RFC 9360) of an mdoc. Immutable once loaded; thread-safe. Dispose it to release the certificates (and the
/// leaf's private key, when loaded from a PFX or a PEM with a key).
/// </summary>
/// <remarks>
/// <para>The chain may end with its self-signed root (the trust anchor) or stop below it. The root is kept in
/// <see cref="Certificates"/> (the order check uses it) but never written out: <see cref="ToX5c"/> and
/// <see cref="ToDer"/> leave a trailing self-signed certificate out, because the verifier must already hold its trust
/// anchor and must not take one from the credential (OpenID4VC HAIP 1.0, issuer key resolution: the trust anchor's
/// certificate must not be in <c>x5c</c>; ISO/IEC 18013-5 section 9.3.3: the IACA root is not part of
/// <c>x5chain</c>).</para>
/// <para>Only the order is checked here (names link and each signature verifies with the next certificate's key):
/// validity periods, key usages and trust are the verifier's business.</para>
/// </remarks>
public sealed class X509CertificateChain : IDisposable
{
    /// <summary>The most certificates a chain may hold: 10.</summary>
    public const int MaxLength = 10;

    private readonly X509Certificate2[] _certificates;
    private readonly bool _ownsCertificates;

    private X509CertificateChain(X509Certificate2[] certificates, bool ownsCertificates)
    {
        _certificates = certificates;
        _ownsCertificates = ownsCertificates;
        Certificates = new ReadOnlyCollection<X509Certificate2>(certificates);
        IncludesTrustAnchor = certificates.Length > 1 && IsSelfSigned(certificates[^1]);
    }

    /// <summary>The certificates, leaf first. Owned by the chain: do not dispose them.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; }

    /// <summary>The leaf (signing) certificate.</summary>
    public X509Certificate2 Leaf => _certificates[0];

    /// <summary>Whether the chain ends with a self-signed root above the leaf (left out of <see cref="ToX5c"/> and <see cref="ToDer"/>).</summary>
    public bool IncludesTrustAnchor { get; }

    /// <summary>Whether the leaf certificate carries its private key (then <see cref="CreateSigner"/> works).</summary>
    public bool HasPrivateKey => Leaf.HasPrivateKey;

    /// <summary>
    /// A chain from certificates the caller already holds, leaf first. The chain does not take ownership: the caller
    /// keeps disposing them, and must keep them alive while the chain is used.
    /// </summary>
    /// <param name="certificates">The certificates, leaf first, each signed by the next.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">The list is empty, too long, or not in order.</exception>
    public static X509CertificateChain Create(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var list = new List<X509Certificate2>(certificates);
        foreach (var certificate in list)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(certificates));
        }

        CheckOrder(list, nameof(certificates));
        return new X509CertificateChain([.. list], ownsCertificates: false);
    }

    /// <summary>
    /// Reads a chain from PEM text: every <c>CERTIFICATE</c> block in order, leaf first; an unencrypted
    /// <c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c> block, when present, is attached to the leaf (it must be the leaf's
    /// key). Other blocks are skipped.
    /// </summary>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">No certificate, a malformed one, a key that is not the leaf's, an encrypted key, or a chain not in order.</exception>
    public static X509CertificateChain FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var certificates = new List<X509Certificate2>();
        ECDsa? key = null;
        try
        {
            var rest = pem.AsSpan();
            while (PemEncoding.TryFind(rest, out var fields))
            {
                var label = rest[fields.Label];
                if (label.SequenceEqual("CERTIFICATE"))
                {
                    if (certificates.Count == MaxLength)
                    {
                        throw new ArgumentException($"The chain has more than {MaxLength} certificates.", nameof(pem));
                    }

                    var der = new byte[fields.DecodedDataLength];
                    if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                    {
                        throw new ArgumentException("A PEM certificate block is not base64.", nameof(pem));
                    }

                    certificates.Add(X509CertificateLoader.LoadCertificate(der.AsSpan(0, written)));
                }
                else if (label.SequenceEqual("PRIVATE KEY") || label.SequenceEqual("EC PRIVATE KEY"))
                {
                    if (key is not null)
                    {
                        throw new ArgumentException("The PEM text has more than one private key.", nameof(pem));
                    }

                    key = ECDsa.Create();
                    key.ImportFromPem(rest[fields.Location]);
                }
                else if (label.SequenceEqual("ENCRYPTED PRIVATE KEY"))
                {
                    throw new ArgumentException("An encrypted PEM private key is not read here: use a PFX, or decrypt the key first.", nameof(pem));
                }

                rest = rest[fields.Location.End..];
            }

            if (certificates.Count == 0)
            {
                throw new ArgumentException("The PEM text has no certificate.", nameof(pem));
            }

            CheckOrder(certificates, nameof(pem));
            if (key is not null)
            {
                var leaf = certificates[0];
                if (!EcdsaSigner.PublicKeyMatches(new EcdsaSigner(key, ownsKey: false).PublicJwk, leaf))
                {
                    throw new ArgumentException("The PEM private key is not the leaf certificate's key.", nameof(pem));
                }

                certificates[0] = leaf.CopyWithPrivateKey(key);
                leaf.Dispose();
            }

            return new X509CertificateChain([.. certificates], ownsCertificates: true);
        }
        catch (CryptographicException ex)
        {
            DisposeAll(certificates);
            throw new ArgumentException("The PEM text holds a malformed certificate or key.", nameof(pem), ex);
        }
        catch
        {
            DisposeAll(certificates);
            throw;
        }
        finally
        {
            key?.Dispose();
        }
    }

    /// <summary>Reads a chain from a PEM file (see <see cref="FromPem"/>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">The file's content is not a chain in order.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static X509CertificateChain FromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromPem(File.ReadAllText(path));
    }

    /// <summary>
    /// Reads a chain from a PKCS#12 (PFX) file's bytes, with X509CertificateLoader's default limits. The leaf is the
    /// one certificate with a private key; the others are ordered from it by issuer (a PFX does not keep an order), and
    /// certificates that do not belong to the leaf's chain are dropped. The private key is loaded as an ephemeral key
    /// (never written to a key store) where the platform allows.
    /// </summary>
    /// <param name="pfx">The PFX bytes.</param>
    /// <param name="password">The PFX password, or <see langword="null"/> for none.</param>
    /// <returns>The chain, its leaf with its private key.</returns>
    /// <exception cref="ArgumentException">The PFX cannot be read with the password, has no certificate with a private key or more than one, or its chain is not complete in order.</exception>
    public static X509CertificateChain FromPfx(ReadOnlySpan<byte> pfx, string? password)
    {
        var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(pfx, password, flags);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The PFX cannot be read (wrong password, or not a PKCS#12 file).", nameof(pfx), ex);
        }

        var ordered = new List<X509Certificate2>();
        var succeeded = false;
        try
        {
            X509Certificate2? leaf = null;
            foreach (var certificate in collection)
            {
                if (certificate.HasPrivateKey)
                {
                    if (leaf is not null)
                    {
                        throw new ArgumentException("The PFX holds more than one private key.", nameof(pfx));
                    }

                    leaf = certificate;
                }
            }

            if (leaf is null)
            {
                throw new ArgumentException("The PFX has no certificate with a private key.", nameof(pfx));
            }

            ordered.Add(leaf);
            var current = leaf;
            while (!IsSelfSigned(current) && ordered.Count < MaxLength)
            {
                X509Certificate2? next = null;
                foreach (var candidate in collection)
                {
                    if (!ordered.Contains(candidate) && IsIssuedBy(current, candidate))
                    {
                        next = candidate;
                        break;
                    }
                }

                if (next is null)
                {
                    break;
                }

                ordered.Add(next);
                current = next;
            }

            CheckOrder(ordered, nameof(pfx));
            var chain = new X509CertificateChain([.. ordered], ownsCertificates: true);
            succeeded = true;
            return chain;
        }
        finally
        {
            foreach (var certificate in collection)
            {
                if (!succeeded || !ordered.Contains(certificate))
                {
                    certificate.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The <c>x5c</c> header value (RFC 7515 section 4.1.6): the standard base64 (not base64url) DER of each
    /// certificate, leaf first, without a trailing self-signed trust anchor.
    /// </summary>
    /// <returns>A new array each call.</returns>
    public string[] ToX5c()
    {
        var count = WrittenCount;
        var x5c = new string[count];
        for (var i = 0; i < count; i++)
        {
            x5c[i] = Convert.ToBase64String(_certificates[i].RawData);
        }

        return x5c;
    }

    /// <summary>The DER of each certificate, leaf first, without a trailing self-signed trust anchor (the COSE <c>x5chain</c> entries).</summary>
    /// <returns>A new list each call.</returns>
    public IReadOnlyList<byte[]> ToDer()
    {
        var count = WrittenCount;
        var der = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            der[i] = _certificates[i].RawData;
        }

        return der;
    }

    /// <summary>A signer over the leaf's private key (see <see cref="EcdsaSigner.FromCertificate"/>); dispose it independently of the chain.</summary>
    /// <param name="keyId">An optional key id for the JWS <c>kid</c> header.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="InvalidOperationException">The leaf has no private key (the chain was loaded without one).</exception>
    /// <exception cref="ArgumentException">The leaf's key is not EC P-256 or P-384 (an RSA key, for example).</exception>
    public EcdsaSigner CreateSigner(string? keyId = null)
    {
        if (!Leaf.HasPrivateKey)
        {
            throw new InvalidOperationException("The leaf certificate has no private key: load the chain from a PFX, or from a PEM text with the key.");
        }

        return EcdsaSigner.FromCertificate(Leaf, keyId);
    }

    /// <summary>
    /// Whether <paramref name="signer"/>'s public key is the leaf's. Fails closed: <see langword="false"/> for a signer
    /// that does not reveal its key (<see cref="IPublicKeySigner"/>), and for a <see cref="Rotation.RotatingSigner"/>,
    /// whose key changes while the chain stays.
    /// </summary>
    internal bool LeafMatches(ISigner signer) => signer switch
    {
        EcdsaSigner ecdsa => ecdsa.Matches(Leaf),
        IPublicKeySigner revealing => EcdsaSigner.PublicKeyMatches(revealing.PublicJwk, Leaf),
        _ => false,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsCertificates)
        {
            DisposeAll(_certificates);
        }
    }

    private int WrittenCount => IncludesTrustAnchor ? _certificates.Length - 1 : _certificates.Length;

    private static void CheckOrder(List<X509Certificate2> certificates, string parameterName)
    {
        if (certificates.Count == 0)
        {
            throw new ArgumentException("The chain is empty.", parameterName);
        }

        if (certificates.Count > MaxLength)
        {
            throw new ArgumentException($"The chain has more than {MaxLength} certificates.", parameterName);
        }

        // RFC 7515 section 4.1.6 (and RFC 9360 section 2 for x5chain): each certificate is certified by the next.
        for (var i = 0; i + 1 < certificates.Count; i++)
        {
            if (!IsIssuedBy(certificates[i], certificates[i + 1]))
            {
                throw new ArgumentException($"The chain is not in order: certificate {i} is not signed by certificate {i + 1}.", parameterName);
            }
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) => IsIssuedBy(certificate, certificate);

    /// <summary>Whether <paramref name="subject"/> names <paramref name="issuer"/> as its issuer and its signature verifies with the issuer's key.</summary>
    internal static bool IsIssuedBy(X509Certificate2 subject, X509Certificate2 issuer)
    {
        if (!subject.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        try
        {
            // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING } (RFC 5280 section 4.1).
            var reader = new AsnReader(subject.RawData, AsnEncodingRules.DER);
            var certificate = reader.ReadSequence();
            var tbs = certificate.ReadEncodedValue();
            var algorithm = certificate.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var signature = certificate.ReadBitString(out var unusedBits);
            if (unusedBits != 0)
            {
                return false;
            }

            return oid switch
            {
                // RFC 5758 section 3.2: ecdsa-with-SHA256/384/512, DER-encoded (r, s).
                "1.2.840.10045.4.3.2" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => VerifyEcdsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA512),

                // RFC 4055 section 5: an RSA certificate authority above an EC leaf (PKCS #1 v1.5 signatures).
                "1.2.840.113549.1.1.11" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA256),
                "1.2.840.113549.1.1.12" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA384),
                "1.2.840.113549.1.1.13" => VerifyRsa(issuer, tbs.Span, signature, HashAlgorithmName.SHA512),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyEcdsa(X509Certificate2 issuer, ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        using var key = issuer.GetECDsaPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool VerifyRsa(X509Certificate2 issuer, ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        using var key = issuer.GetRSAPublicKey();
        return key is not null && key.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static void DisposeAll(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
