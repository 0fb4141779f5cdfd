using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Mdoc;

/// <summary>
/// Decides whether a document-signer certificate chain (the issuerAuth <c>x5chain</c>) is trusted, for example by
/// validating it to IACA roots under the ISO/IEC 18013-5 Annex B profiles. <see cref="MdocVerifier"/> calls it once
/// per chain and caches a success for <see cref="MdocVerifierOptions.TrustCacheDuration"/>.
/// </summary>
public interface IMdocIssuerTrust
{
    /// <summary>Validates a chain; never throws for bad certificates.</summary>
    /// <param name="chain">The certificates of <c>x5chain</c>, document signer first.</param>
    /// <param name="verificationTime">The time to validate at.</param>
    /// <returns><see langword="null"/> when trusted; otherwise why not (<see cref="MdocErrors.UntrustedIssuer"/> or <see cref="MdocErrors.InvalidChain"/>).</returns>
    VerificationError? Validate(IReadOnlyList<X509Certificate2> chain, DateTimeOffset verificationTime);
}
