using System;

namespace Credentials.Mdoc.Certificates;

/// <summary>
/// What goes into an IACA root certificate made by <see cref="MdocCertificates.CreateIaca"/> (ISO/IEC 18013-5:2021
/// Annex B, IACA root certificate profile).
/// </summary>
public sealed record IacaCertificateOptions
{
    /// <summary>The subject <c>commonName</c>, for example the issuing authority's name.</summary>
    public required string CommonName { get; init; }

    /// <summary>
    /// The subject <c>countryName</c>: the ISO 3166-1 alpha-2 code of the issuing country, upper case (Annex B; the
    /// mDL's <c>issuing_country</c> is the same code). Default <c>JP</c>.
    /// </summary>
    public string Country { get; init; } = "JP";

    /// <summary>The subject <c>stateOrProvinceName</c> (ISO 3166-2 subdivision) when the authority is a state's, or <see langword="null"/>.</summary>
    public string? StateOrProvince { get; init; }

    /// <summary>
    /// The <c>issuerAlternativeName</c> as a URI (the authority's web site). Annex B asks for a URI or an e-mail
    /// address: set this, <see cref="IssuerEmail"/>, or both.
    /// </summary>
    public Uri? IssuerUri { get; init; }

    /// <summary>The <c>issuerAlternativeName</c> as an e-mail address (<c>rfc822Name</c>).</summary>
    public string? IssuerEmail { get; init; }

    /// <summary>
    /// The validity from the current time. Default 9 years (3,288 days), which Annex B notes is enough for an IACA
    /// that only issues mDLs; at most 20 years, the profile's limit.
    /// </summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(3_288);

    /// <summary>
    /// The CRL distribution point (<c>cRLDistributionPoints</c>, a URI), or <see langword="null"/> for none. Annex B
    /// lists it for IACA and document signer certificates; verifiers here do not fetch it.
    /// </summary>
    public Uri? CrlDistributionPoint { get; init; }

    /// <summary>The clock for <c>notBefore</c>. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
