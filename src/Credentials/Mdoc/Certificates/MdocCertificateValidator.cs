using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Mdoc.Certificates;

/// <summary>
/// Validates the <c>x5chain</c> of an mdoc's issuer signature (ISO/IEC 18013-5:2021 section 9.3.3): the document
/// signer (DS) certificate must chain to a configured IACA root, or be pinned itself, and fit the Annex B profiles.
/// Returns the DS public key to verify the Mobile Security Object with. Never throws for bad input. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Checks, in this order: <c>x5chain</c> not empty and at most <see cref="MdocCertificateValidatorOptions.MaxChainLength"/>
/// certificates, each a DER certificate; the chain builds to one of the IACA roots given here (custom root trust: the
/// system store is never used), or the DS certificate is one of the pinned ones; the path is no longer than the
/// limit; every key is allowed (IACA: EC P-256, P-384 or P-521; DS: EC P-256 or P-384 with an uncompressed point,
/// or Ed25519); the DS is not a CA, its <c>keyUsage</c> has <c>digitalSignature</c> and its <c>extendedKeyUsage</c>
/// has <c>id-mdl-kp-mdlDS</c> (1.0.18013.5.1.2); every certificate above it is a CA (<c>basicConstraints</c>) whose
/// <c>keyUsage</c>, when present, has <c>keyCertSign</c>; the DS subject's <c>countryName</c> (and
/// <c>stateOrProvinceName</c>, when the IACA has one) equals the IACA's; every certificate is valid at the clock of
/// <see cref="MdocCertificateValidatorOptions.TimeProvider"/>.</para>
/// <para>Offline by design: revocation is not checked (<see cref="X509RevocationMode.NoCheck"/>) and no certificate or
/// CRL is downloaded, so a revoked DS is accepted until it expires; Annex B DS certificates live at most 457 days.
/// Callers that need revocation check the CRL distribution point themselves.</para>
/// <para>P-521 DS keys are refused with <see cref="MdocCertificateErrors.UnsupportedKey"/> because the library's
/// <see cref="VerificationKey"/> verifies P-256 and P-384 only; P-521 IACA roots are accepted (the platform verifies
/// their signatures). Brainpool curves and RSA are refused everywhere.</para>
/// <para>Successful validations are cached (see <see cref="MdocCertificateValidatorOptions.MaxCacheEntries"/>), keyed
/// by the SHA-256 of every certificate of <c>x5chain</c>; a cache hit still checks the validity window of the whole
/// path at the current time, so it returns exactly what a full validation would, without building the chain again.</para>
/// </remarks>
public sealed class MdocCertificateValidator
{
    /// <summary><c>id-mdl-kp-mdlDS</c>, the extended key usage of a document signer (ISO/IEC 18013-5:2021 Annex B).</summary>
    public const string DocumentSignerExtendedKeyUsage = "1.0.18013.5.1.2";

    private const string CountryNameOid = "2.5.4.6";
    private const string StateOrProvinceNameOid = "2.5.4.8";
    private const int StackDigests = 8;

    private readonly X509Certificate2Collection _anchors;
    private readonly X509Certificate2[] _pinned;
    private readonly MdocCertificateValidatorOptions _options;
    private readonly ConcurrentDictionary<ChainKey, CacheEntry> _cache = new();

    /// <summary>Creates a validator.</summary>
    /// <param name="iacaRoots">The IACA root certificates trusted as anchors (copied; the caller keeps its instances).</param>
    /// <param name="pinnedDocumentSigners">
    /// Document signer certificates trusted directly, without an IACA (ISO/IEC 18013-5:2021 Annex D brings only a DS
    /// certificate). A pinned DS is still checked for validity, key usage and <c>id-mdl-kp-mdlDS</c>; with no IACA,
    /// its country is not compared. Default: none.
    /// </param>
    /// <param name="options">The options; default <see cref="MdocCertificateValidatorOptions"/>.</param>
    /// <exception cref="ArgumentException">There is neither an IACA root nor a pinned certificate, or an entry is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MdocCertificateValidator(IEnumerable<X509Certificate2> iacaRoots, IEnumerable<X509Certificate2>? pinnedDocumentSigners = null, MdocCertificateValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(iacaRoots);
        _options = options ?? new MdocCertificateValidatorOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxChainLength, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxCacheEntries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CacheDuration, TimeSpan.Zero, nameof(options));
        _anchors = [.. Copy(iacaRoots, nameof(iacaRoots))];
        _pinned = Copy(pinnedDocumentSigners ?? [], nameof(pinnedDocumentSigners));
        if (_anchors.Count == 0 && _pinned.Length == 0)
        {
            throw new ArgumentException("At least one IACA root or pinned document signer certificate is required.", nameof(iacaRoots));
        }
    }

    /// <summary>Validates an <c>x5chain</c> given as certificates.</summary>
    /// <param name="x5chain">The certificates of the COSE <c>x5chain</c> header (RFC 9360), document signer first.</param>
    /// <returns>The validated chain and DS key, or the first failed check's error.</returns>
    /// <exception cref="ArgumentException"><paramref name="x5chain"/> or an entry is null.</exception>
    public VerificationResult<MdocCertificateValidation> Validate(IReadOnlyList<X509Certificate2> x5chain)
    {
        ArgumentNullException.ThrowIfNull(x5chain);
        var count = x5chain.Count;
        if (CheckCount(count) is { } countError)
        {
            return countError;
        }

        Span<byte> digests = count <= StackDigests ? stackalloc byte[StackDigests * SHA256.HashSizeInBytes] : new byte[count * SHA256.HashSizeInBytes];
        for (var i = 0; i < count; i++)
        {
            var certificate = x5chain[i] ?? throw new ArgumentException("An x5chain entry is null.", nameof(x5chain));
            SHA256.HashData(certificate.RawDataMemory.Span, digests.Slice(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
        }

        var key = ChainKey.From(digests[..(count * SHA256.HashSizeInBytes)]);
        var now = _options.TimeProvider.GetUtcNow();
        if (TryGetCached(key, now) is { } cached)
        {
            return cached;
        }

        var der = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            der[i] = x5chain[i].RawDataMemory;
        }

        return ValidateUncached(key, der, now);
    }

    /// <summary>Validates an <c>x5chain</c> given as DER certificates, as the COSE header carries them (RFC 9360 section 2).</summary>
    /// <param name="x5chain">The DER certificates, document signer first.</param>
    /// <returns>The validated chain and DS key, or the first failed check's error (<see cref="MdocCertificateErrors.Malformed"/> for bytes that are not a certificate).</returns>
    /// <remarks>A repeated chain is found in the cache before any certificate is parsed.</remarks>
    public VerificationResult<MdocCertificateValidation> Validate(IReadOnlyList<ReadOnlyMemory<byte>> x5chain)
    {
        ArgumentNullException.ThrowIfNull(x5chain);
        var count = x5chain.Count;
        if (CheckCount(count) is { } countError)
        {
            return countError;
        }

        Span<byte> digests = count <= StackDigests ? stackalloc byte[StackDigests * SHA256.HashSizeInBytes] : new byte[count * SHA256.HashSizeInBytes];
        for (var i = 0; i < count; i++)
        {
            SHA256.HashData(x5chain[i].Span, digests.Slice(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
        }

        var key = ChainKey.From(digests[..(count * SHA256.HashSizeInBytes)]);
        var now = _options.TimeProvider.GetUtcNow();
        if (TryGetCached(key, now) is { } cached)
        {
            return cached;
        }

        var der = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            der[i] = x5chain[i];
        }

        return ValidateUncached(key, der, now);
    }

    private VerificationError? CheckCount(int count)
    {
        if (count == 0)
        {
            return new VerificationError(MdocCertificateErrors.Malformed, "The x5chain is empty.");
        }

        // RFC 9360 section 2 and ISO/IEC 18013-5:2021 section 9.3.3: the chain is bounded before any work is done on it.
        return count > _options.MaxChainLength
            ? new VerificationError(MdocCertificateErrors.ChainTooLong, $"The x5chain has more than {_options.MaxChainLength} certificates.")
            : null;
    }

    private MdocCertificateValidation? TryGetCached(ChainKey key, DateTimeOffset now)
    {
        if (_options.MaxCacheEntries == 0 || !_cache.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (now >= entry.CachedAt && now - entry.CachedAt <= _options.CacheDuration && now >= entry.NotBefore && now <= entry.NotAfter)
        {
            return entry.Validation;
        }

        // Stale, or outside the path's validity now: validate again (which reports the time error, if any).
        _cache.TryRemove(key, out _);
        return null;
    }

    private VerificationResult<MdocCertificateValidation> ValidateUncached(ChainKey key, ReadOnlyMemory<byte>[] der, DateTimeOffset now)
    {
        var certificates = new List<X509Certificate2>(der.Length);
        MdocCertificateValidation? validation = null;
        try
        {
            foreach (var item in der)
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(item.Span));
                }
                catch (CryptographicException)
                {
                    return new VerificationError(MdocCertificateErrors.Malformed, "An x5chain entry is not a DER X.509 certificate.");
                }
            }

            var result = ValidateLoaded(certificates, now);
            if (!result.IsValid)
            {
                return result;
            }

            // Concurrent first validations of one chain all return the instance that reached the cache first.
            validation = Remember(key, result.Value, now);
            return validation;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                if (validation is null || !Contains(validation.Chain, certificate))
                {
                    certificate.Dispose();
                }
            }
        }
    }

    private VerificationResult<MdocCertificateValidation> ValidateLoaded(List<X509Certificate2> certificates, DateTimeOffset now)
    {
        var documentSigner = certificates[0];
        foreach (var pinned in _pinned)
        {
            if (SameCertificate(documentSigner, pinned))
            {
                return Accept([documentSigner], pinned, isPinned: true, now);
            }
        }

        if (_anchors.Count == 0)
        {
            return new VerificationError(MdocCertificateErrors.UntrustedChain, "The document signer certificate is not pinned, and no IACA root is configured.");
        }

        var path = new List<X509Certificate2>();
        X509Certificate2? anchor = null;
        using (var chain = X509Chains.CreateOffline(_anchors, now))
        {
            for (var i = 1; i < certificates.Count; i++)
            {
                chain.ChainPolicy.ExtraStore.Add(certificates[i]);
            }

            bool built;
            try
            {
                built = chain.Build(documentSigner);
            }
            catch (CryptographicException)
            {
                return new VerificationError(MdocCertificateErrors.UntrustedChain, "The x5chain cannot be built into a certificate path.");
            }

            if (!built && ChainFailure(chain) is { } chainError)
            {
                return chainError;
            }

            // Only validity errors may remain; they are reported below by the same checks a cache hit relies on.
            var elements = chain.ChainElements;
            if (elements.Count > _options.MaxChainLength)
            {
                return new VerificationError(MdocCertificateErrors.ChainTooLong, $"The certificate path has more than {_options.MaxChainLength} certificates.");
            }

            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i].Certificate;
                var own = i == 0 ? documentSigner : Find(certificates, element) ?? Find(_anchors, element);
                if (own is null)
                {
                    return new VerificationError(MdocCertificateErrors.UntrustedChain, "The certificate path leaves the x5chain and the trust anchors.");
                }

                path.Add(own);
                if (i == elements.Count - 1)
                {
                    anchor = Find(_anchors, element);
                }
            }
        }

        if (anchor is null)
        {
            return new VerificationError(MdocCertificateErrors.UntrustedChain, "The x5chain does not build to a configured IACA root.");
        }

        // A DS configured among the roots is trusted directly, as a pinned one is.
        return Accept(path, anchor, isPinned: path.Count == 1, now);
    }

    private static VerificationError? ChainFailure(X509Chain chain)
    {
        var flags = X509ChainStatusFlags.NoError;
        foreach (var status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                flags |= status.Status;
            }
        }

        const X509ChainStatusFlags time = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;
        const X509ChainStatusFlags usage = X509ChainStatusFlags.InvalidBasicConstraints | X509ChainStatusFlags.NotValidForUsage;
        if ((flags & ~(time | usage)) != 0 || chain.ChainElements.Count == 0)
        {
            return new VerificationError(MdocCertificateErrors.UntrustedChain, "The x5chain does not build to a configured IACA root.");
        }

        if ((flags & usage) != 0)
        {
            return new VerificationError(MdocCertificateErrors.KeyUsage, "A certificate of the path is not allowed to issue certificates (basicConstraints or keyUsage).");
        }

        return null;
    }

    private static VerificationResult<MdocCertificateValidation> Accept(List<X509Certificate2> path, X509Certificate2 anchor, bool isPinned, DateTimeOffset now)
    {
        var documentSigner = path[0];
        var keyResult = CheckDocumentSigner(documentSigner);
        if (!keyResult.IsValid)
        {
            return keyResult.Error;
        }

        for (var i = 1; i < path.Count; i++)
        {
            if (CheckAuthority(path[i]) is { } authorityError)
            {
                return authorityError;
            }
        }

        // Annex B: the DS subject's countryName (and stateOrProvinceName, where the IACA has one) is the IACA's.
        if (path.Count > 1 && CheckCountry(documentSigner, path[^1]) is { } countryError)
        {
            return countryError;
        }

        var (notBefore, notAfter) = ValidityWindow(path);
        if (now < notBefore)
        {
            return new VerificationError(MdocCertificateErrors.NotYetValid, "A certificate of the path is not valid yet.");
        }

        if (now > notAfter)
        {
            return new VerificationError(MdocCertificateErrors.Expired, "A certificate of the path has expired.");
        }

        return new MdocCertificateValidation(documentSigner, anchor, path.ToArray(), keyResult.Value, isPinned);
    }

    // ISO/IEC 18013-5:2021 Annex B (document signer profile): keyUsage digitalSignature, extendedKeyUsage
    // id-mdl-kp-mdlDS, an end-entity certificate, and a key the MSO signature can be verified with.
    private static VerificationResult<VerificationKey> CheckDocumentSigner(X509Certificate2 documentSigner)
    {
        var hasDigitalSignature = false;
        var hasMdlDs = false;
        foreach (var extension in documentSigner.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension { CertificateAuthority: true }:
                    return new VerificationError(MdocCertificateErrors.KeyUsage, "The document signer certificate is a CA certificate.");
                case X509KeyUsageExtension keyUsage:
                    hasDigitalSignature = (keyUsage.KeyUsages & X509KeyUsageFlags.DigitalSignature) != 0;
                    break;
                case X509EnhancedKeyUsageExtension eku:
                    foreach (var oid in eku.EnhancedKeyUsages)
                    {
                        hasMdlDs |= string.Equals(oid.Value, DocumentSignerExtendedKeyUsage, StringComparison.Ordinal);
                    }

                    break;
            }
        }

        if (!hasDigitalSignature)
        {
            return new VerificationError(MdocCertificateErrors.KeyUsage, "The document signer certificate's keyUsage does not include digitalSignature.");
        }

        if (!hasMdlDs)
        {
            return new VerificationError(MdocCertificateErrors.ExtendedKeyUsage, "The document signer certificate's extendedKeyUsage does not include id-mdl-kp-mdlDS (1.0.18013.5.1.2).");
        }

        var jwk = X509PublicKeys.TryGetEcJwk(documentSigner) ?? X509PublicKeys.TryGetEd25519Jwk(documentSigner);
        if (jwk is null)
        {
            return new VerificationError(MdocCertificateErrors.UnsupportedKey, "The document signer's key is not EC P-256 or P-384 (uncompressed), nor Ed25519.");
        }

        var key = VerificationKey.FromJwk(jwk);
        return key.IsValid
            ? key
            : new VerificationError(MdocCertificateErrors.UnsupportedKey, "The document signer's key is not a valid public key.") { Inner = key.Error };
    }

    // RFC 5280 sections 4.2.1.3 and 4.2.1.9, and the IACA profile of Annex B: an issuing certificate is a CA whose key
    // may sign certificates, with an EC key on a curve the profile allows.
    private static VerificationError? CheckAuthority(X509Certificate2 authority)
    {
        var isCa = false;
        foreach (var extension in authority.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension basic:
                    isCa = basic.CertificateAuthority;
                    break;
                case X509KeyUsageExtension keyUsage when (keyUsage.KeyUsages & X509KeyUsageFlags.KeyCertSign) == 0:
                    return new VerificationError(MdocCertificateErrors.KeyUsage, "An issuing certificate's keyUsage does not include keyCertSign.");
            }
        }

        if (!isCa)
        {
            return new VerificationError(MdocCertificateErrors.KeyUsage, "An issuing certificate is not a CA (basicConstraints).");
        }

        return X509PublicKeys.GetEcCurveOid(authority.PublicKey) is X509PublicKeys.P256Oid or X509PublicKeys.P384Oid or X509PublicKeys.P521Oid
            ? null
            : new VerificationError(MdocCertificateErrors.UnsupportedKey, "An issuing certificate's key is not EC P-256, P-384 or P-521.");
    }

    private static VerificationError? CheckCountry(X509Certificate2 documentSigner, X509Certificate2 iaca)
    {
        var (dsCountry, dsState) = CountryAndState(documentSigner.SubjectName);
        var (iacaCountry, iacaState) = CountryAndState(iaca.SubjectName);
        if (iacaCountry is null || !string.Equals(dsCountry, iacaCountry, StringComparison.Ordinal))
        {
            return new VerificationError(MdocCertificateErrors.CountryMismatch, "The document signer's countryName is missing or differs from the IACA's.");
        }

        if (iacaState is not null && !string.Equals(dsState, iacaState, StringComparison.Ordinal))
        {
            return new VerificationError(MdocCertificateErrors.CountryMismatch, "The document signer's stateOrProvinceName is missing or differs from the IACA's.");
        }

        return null;
    }

    internal static (string? Country, string? State) CountryAndState(X500DistinguishedName name)
    {
        string? country = null;
        string? state = null;
        try
        {
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.HasMultipleElements)
                {
                    continue;
                }

                switch (rdn.GetSingleElementType().Value)
                {
                    case CountryNameOid:
                        country ??= rdn.GetSingleElementValue();
                        break;
                    case StateOrProvinceNameOid:
                        state ??= rdn.GetSingleElementValue();
                        break;
                }
            }
        }
        catch (CryptographicException)
        {
            return (null, null);
        }

        return (country, state);
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) ValidityWindow(List<X509Certificate2> path)
    {
        var notBefore = DateTimeOffset.MinValue;
        var notAfter = DateTimeOffset.MaxValue;
        foreach (var certificate in path)
        {
            // RFC 5280 section 4.1.2.5: both bounds are inclusive. The platform gives local times; the offset keeps the instant.
            var from = new DateTimeOffset(certificate.NotBefore);
            var to = new DateTimeOffset(certificate.NotAfter);
            notBefore = from > notBefore ? from : notBefore;
            notAfter = to < notAfter ? to : notAfter;
        }

        return (notBefore, notAfter);
    }

    /// <summary>Caches a successful validation unless one is cached already; returns the cached instance.</summary>
    private MdocCertificateValidation Remember(ChainKey key, MdocCertificateValidation validation, DateTimeOffset now)
    {
        if (_options.MaxCacheEntries == 0)
        {
            return validation;
        }

        if (_cache.Count >= _options.MaxCacheEntries)
        {
            foreach (var (entryKey, entry) in _cache)
            {
                if (now - entry.CachedAt > _options.CacheDuration || now < entry.CachedAt)
                {
                    _cache.TryRemove(entryKey, out _);
                }
            }

            if (_cache.Count >= _options.MaxCacheEntries)
            {
                // Bounded by dropping everything: cheap, and a miss only costs one chain build again.
                _cache.Clear();
            }
        }

        var (notBefore, notAfter) = ValidityWindow([.. validation.Chain]);
        return _cache.GetOrAdd(key, new CacheEntry(validation, now, notBefore, notAfter)).Validation;
    }

    private static X509Certificate2[] Copy(IEnumerable<X509Certificate2> certificates, string parameterName)
    {
        var copies = new List<X509Certificate2>();
        foreach (var certificate in certificates)
        {
            if (certificate is null)
            {
                throw new ArgumentException("A certificate is null.", parameterName);
            }

            copies.Add(X509CertificateLoader.LoadCertificate(certificate.RawDataMemory.Span));
        }

        return [.. copies];
    }

    private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private static X509Certificate2? Find(IEnumerable<X509Certificate2> certificates, X509Certificate2 wanted)
    {
        foreach (var certificate in certificates)
        {
            if (SameCertificate(certificate, wanted))
            {
                return certificate;
            }
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<X509Certificate2> certificates, X509Certificate2 wanted)
    {
        foreach (var certificate in certificates)
        {
            if (ReferenceEquals(certificate, wanted))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct ChainKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static ChainKey From(ReadOnlySpan<byte> digests)
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            if (digests.Length == SHA256.HashSizeInBytes)
            {
                digests.CopyTo(digest);
            }
            else
            {
                SHA256.HashData(digests, digest);
            }

            return new ChainKey(
                BinaryPrimitives.ReadUInt64LittleEndian(digest),
                BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
        }
    }

    private sealed record CacheEntry(MdocCertificateValidation Validation, DateTimeOffset CachedAt, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
}
