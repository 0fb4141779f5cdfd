using System;

namespace Credentials.Mdoc.Certificates;

/// <summary>
/// What goes into a document signer certificate made by <see cref="MdocCertificates.CreateDocumentSigner"/>
/// (ISO/IEC 18013-5:2021 Annex B, document signer certificate profile). The country, state and
/// <c>issuerAlternativeName</c> come from the IACA.
/// </summary>
public sealed record DocumentSignerCertificateOptions
{
    /// <summary>The subject <c>commonName</c>, for example the name of the signing service.</summary>
    public required string CommonName { get; init; }

    /// <summary>
    /// The validity from the current time, cut at the IACA's <c>notAfter</c>. Default 365 days; at most 457 days,
    /// the profile's limit for a document signer.
    /// </summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The CRL distribution point (a URI), or <see langword="null"/> for none.</summary>
    public Uri? CrlDistributionPoint { get; init; }

    /// <summary>The clock for <c>notBefore</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
