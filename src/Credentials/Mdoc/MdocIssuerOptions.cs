using System;

namespace Credentials.Mdoc;

/// <summary>Options of an <see cref="MdocIssuer"/>.</summary>
public sealed record MdocIssuerOptions
{
    /// <summary>The clock for <c>signed</c> and the default <c>validFrom</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The validity when the issuance gives no <c>validUntil</c>. Default 365 days.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The digest algorithm of the MSO: <c>SHA-256</c> (default), <c>SHA-384</c> or <c>SHA-512</c>.</summary>
    public string DigestAlgorithm { get; init; } = "SHA-256";

    /// <summary>The length of each item's random salt, 16 to 64 bytes (ISO/IEC 18013-5 §9.1.2.5 requires at least 16). Default 32.</summary>
    public int RandomLength { get; init; } = 32;
}
