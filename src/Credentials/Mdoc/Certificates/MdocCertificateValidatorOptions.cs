using System;

namespace Credentials.Mdoc.Certificates;

/// <summary>Options of <see cref="MdocCertificateValidator"/>. Every limit has a safe default.</summary>
public sealed record MdocCertificateValidatorOptions
{
    /// <summary>The clock every certificate's validity is checked at. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The most certificates accepted in <c>x5chain</c>, and in the path built from it up to the anchor. Default 3
    /// (Annex B's IACA has <c>pathLenConstraint</c> 0, so a document signer sits right under it: two certificates).
    /// </summary>
    public int MaxChainLength { get; init; } = 3;

    /// <summary>
    /// The most successful validations remembered, keyed by the SHA-256 of the chain's certificates, so repeated
    /// presentations by the same document signer skip chain building. 0 turns the cache off. Default 1,000.
    /// </summary>
    public int MaxCacheEntries { get; init; } = 1_000;

    /// <summary>
    /// How long a remembered validation is reused. Every reuse still checks each certificate's validity at the
    /// current time, so this only bounds how long an idle entry stays. Default 10 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(10);
}
