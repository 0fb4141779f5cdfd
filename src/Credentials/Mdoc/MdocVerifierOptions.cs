using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;

namespace Credentials.Mdoc;

/// <summary>Options of an <see cref="MdocVerifier"/>: trust, algorithms, time and limits.</summary>
public sealed record MdocVerifierOptions
{
    /// <summary>IACA root certificates: a document-signer chain must end at one of them (validated by an <see cref="MdocCertificateValidator"/> built from these, with <see cref="TimeProvider"/>).</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; init; } = [];

    /// <summary>
    /// Document-signer certificates trusted as such (pinned), for closed deployments and test data without an IACA
    /// certificate (the ISO/IEC 18013-5 Annex D example). The certificate must match byte for byte and be within its
    /// validity period.
    /// </summary>
    public IReadOnlyList<X509Certificate2> TrustedDocumentSigners { get; init; } = [];

    /// <summary>
    /// The document-signer chain validator (ISO/IEC 18013-5 §9.3.3, Annex B profiles); when set it replaces
    /// <see cref="TrustAnchors"/> and <see cref="TrustedDocumentSigners"/>, and validates at its own clock. It caches
    /// successful validations per chain, so share one across verifiers.
    /// </summary>
    public MdocCertificateValidator? CertificateValidator { get; init; }

    /// <summary>The algorithms accepted for issuerAuth and deviceSignature. Default ES256, ES384 and EdDSA.</summary>
    public IReadOnlyList<JwsAlgorithm> AllowedAlgorithms { get; init; } = [JwsAlgorithm.Es256, JwsAlgorithm.Es384, JwsAlgorithm.EdDsa];

    /// <summary>The document types accepted; any when null.</summary>
    public IReadOnlyList<string>? AcceptedDocTypes { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The tolerated clock difference for the validity window. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The reader's ephemeral private key (EReaderKey, a P-256 JWK with <c>d</c>), to verify documents authenticated
    /// with a device MAC (ISO/IEC 18013-5 §9.1.3.5). Without it a deviceMac is <see cref="MdocErrors.DeviceMacUnsupported"/>.
    /// </summary>
    public Jwk? ReaderEphemeralKey { get; init; }

    /// <summary>Limits for reading the input.</summary>
    public MdocReaderOptions ReaderOptions { get; init; } = MdocReaderOptions.Default;
}
