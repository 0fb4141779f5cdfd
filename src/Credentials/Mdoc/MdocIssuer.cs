using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Internal;
using Credentials.Keys;
using Credentials.Mdoc.Internal;

namespace Credentials.Mdoc;

/// <summary>
/// Issues mdocs (ISO/IEC 18013-5 §9.1.2): the issuer-signed items with random salts, and the Mobile Security Object
/// signed as COSE_Sign1 with the document-signer certificate chain in <c>x5chain</c>. Stateless and thread-safe; each
/// issuance costs one signature plus hashing, so batches with distinct device keys are cheap.
/// </summary>
public sealed class MdocIssuer
{
    private readonly ISigner _signer;
    private readonly byte[][] _chain;
    private readonly MdocIssuerOptions _options;
    private readonly HashAlgorithmName _hash;

    /// <summary>Creates an issuer.</summary>
    /// <param name="signer">The document signer's key (an HSM signer works): ES256, ES384 or EdDSA.</param>
    /// <param name="certificateChain">The document-signer certificate first, then intermediates (not the IACA root).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentException">The signer's algorithm has no COSE identifier, the chain is empty, or an option is out of range.</exception>
    public MdocIssuer(ISigner signer, IReadOnlyList<X509Certificate2> certificateChain, MdocIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(certificateChain);
        _options = options ?? new MdocIssuerOptions();
        CoseAlgorithmMap.FromJws(signer.Algorithm);
        if (certificateChain.Count == 0)
        {
            throw new ArgumentException("The certificate chain needs at least the document-signer certificate.", nameof(certificateChain));
        }

        if (_options.RandomLength is < IssuerSignedItem.MinRandomLength or > 64)
        {
            throw new ArgumentException("RandomLength must be between 16 and 64 bytes.", nameof(options));
        }

        _hash = _options.DigestAlgorithm switch
        {
            "SHA-256" => HashAlgorithmName.SHA256,
            "SHA-384" => HashAlgorithmName.SHA384,
            "SHA-512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentException("DigestAlgorithm must be SHA-256, SHA-384 or SHA-512.", nameof(options)),
        };
        _signer = signer;
        _chain = new byte[certificateChain.Count][];
        for (var i = 0; i < certificateChain.Count; i++)
        {
            _chain[i] = certificateChain[i].RawData;
        }
    }

    /// <summary>
    /// An issuer from a loaded certificate chain: its certificates go into <c>x5chain</c>, document signer
    /// first. An IACA root at the end of the chain (self-signed) is dropped, not refused: the verifier holds its IACA
    /// roots itself and never takes one from the mdoc (ISO/IEC 18013-5 section 9.3.3). The chain is read once; the
    /// issuer does not dispose it.
    /// </summary>
    /// <param name="signer">The document signer's key (for example <see cref="X509CertificateChain.CreateSigner"/>, or an HSM signer).</param>
    /// <param name="certificateChain">The document-signer certificate first, then any intermediates, optionally the IACA root.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <returns>The issuer.</returns>
    /// <exception cref="ArgumentException">The signer's algorithm has no COSE identifier, its public key (when it reveals it) is not the document signer certificate's, the chain is only a self-signed root, or an option is out of range.</exception>
    public static MdocIssuer FromCertificateChain(ISigner signer, X509CertificateChain certificateChain, MdocIssuerOptions? options = null)
        => new(signer, DocumentSignerChain(signer, certificateChain), options);

    private static X509Certificate2[] DocumentSignerChain(ISigner signer, X509CertificateChain certificateChain)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(certificateChain);
        if (!certificateChain.IncludesTrustAnchor && certificateChain.Certificates.Count == 1
            && X509CertificateChain.IsIssuedBy(certificateChain.Leaf, certificateChain.Leaf))
        {
            // A lone self-signed certificate is an IACA, not a document signer.
            throw new ArgumentException("The chain is a single self-signed certificate; x5chain needs the document signer certificate.", nameof(certificateChain));
        }

        if (!certificateChain.LeafMatches(signer))
        {
            throw new ArgumentException("The document signer certificate's key is not the signer's public key, or the signer does not reveal its key (IPublicKeySigner; a rotating signer never matches a fixed chain).", nameof(certificateChain));
        }

        var count = certificateChain.IncludesTrustAnchor ? certificateChain.Certificates.Count - 1 : certificateChain.Certificates.Count;
        var certificates = new X509Certificate2[count];
        for (var i = 0; i < count; i++)
        {
            certificates[i] = certificateChain.Certificates[i];
        }

        return certificates;
    }

    /// <summary>Issues one mdoc.</summary>
    /// <param name="issuance">What to issue.</param>
    /// <param name="cancellationToken">Cancels a remote signing call.</param>
    /// <returns>The issuer-signed data to hand to the holder (encode it with <see cref="IssuerSigned.Encode"/>).</returns>
    /// <exception cref="ArgumentException">The issuance is incomplete, its device key is private or unsupported, or its validity is inverted.</exception>
    public async ValueTask<IssuerSigned> IssueAsync(MdocIssuance issuance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuance);
        ArgumentException.ThrowIfNullOrEmpty(issuance.DocType);
        ArgumentNullException.ThrowIfNull(issuance.NameSpaces);
        ArgumentNullException.ThrowIfNull(issuance.DeviceKey);
        if (issuance.DeviceKey.HasPrivateKey)
        {
            throw new ArgumentException("The device key must be the holder's public key only.", nameof(issuance));
        }

        var now = _options.TimeProvider.GetUtcNow();
        var signed = TruncateToSeconds(now);
        var validFrom = TruncateToSeconds(issuance.ValidFrom ?? now);
        var validUntil = TruncateToSeconds(issuance.ValidUntil ?? validFrom + _options.Validity);
        if (validUntil <= validFrom)
        {
            throw new ArgumentException("ValidUntil must be after ValidFrom.", nameof(issuance));
        }

        var nameSpaces = new OrderedDictionary<string, IReadOnlyList<IssuerSignedItem>>(issuance.NameSpaces.Count, StringComparer.Ordinal);
        var digests = new List<KeyValuePair<string, IReadOnlyList<(ulong Id, byte[] Digest)>>>(issuance.NameSpaces.Count);
        Span<byte> random = stackalloc byte[_options.RandomLength];
        foreach (var (ns, elements) in issuance.NameSpaces)
        {
            ArgumentException.ThrowIfNullOrEmpty(ns, nameof(issuance));
            if (elements is null || elements.Count == 0)
            {
                throw new ArgumentException($"The namespace '{ns}' has no element.", nameof(issuance));
            }

            // ISO/IEC 18013-5 §9.1.2.5: digest IDs are unique per namespace and must not reveal the order of the
            // elements; a CSPRNG shuffle of 0..n-1.
            var ids = new ulong[elements.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = (ulong)i;
            }

            RandomNumberGenerator.Shuffle(ids.AsSpan());
            var items = new IssuerSignedItem[elements.Count];
            var nsDigests = new (ulong Id, byte[] Digest)[elements.Count];
            var index = 0;
            foreach (var (identifier, value) in elements)
            {
                ArgumentException.ThrowIfNullOrEmpty(identifier, nameof(issuance));
                ArgumentNullException.ThrowIfNull(value, nameof(issuance));
                RandomPool.Fill(random);
                var item = IssuerSignedItem.Create(ids[index], random, identifier, value);
                items[index] = item;
                nsDigests[index] = (ids[index], Hash(item.Encoded.Span));
                index++;
            }

            CryptographicOperations.ZeroMemory(random);
            nameSpaces.Add(ns, items);
            digests.Add(new(ns, nsDigests));
        }

        var validity = new MdocValidityInfo(signed, validFrom, validUntil, issuance.ExpectedUpdate is { } e ? TruncateToSeconds(e) : null);
        var msoBytes = MobileSecurityObject.Encode(_options.DigestAlgorithm, digests, issuance.DeviceKey, issuance.DocType, validity);
        var issuerAuth = await CoseMessage.SignAsync(_signer, _chain, msoBytes, detached: false, cancellationToken).ConfigureAwait(false);
        var cose = CoseMessage.Read(StrictCbor.CreateReader(issuerAuth), issuerAuth, _chain.Length, "The issuerAuth");
        var mso = MobileSecurityObject.Read(cose.Payload!.Value, MdocReaderOptions.Default);
        return new IssuerSigned(new ReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>>(nameSpaces), cose, mso);
    }

    private byte[] Hash(ReadOnlySpan<byte> data)
    {
        if (_hash == HashAlgorithmName.SHA256)
        {
            return SHA256.HashData(data);
        }

        return _hash == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : SHA512.HashData(data);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
