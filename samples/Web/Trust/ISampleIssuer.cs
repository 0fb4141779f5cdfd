using System.Collections.Generic;
using Credentials.Trust;

namespace Credentials.Samples.Web.Trust;

/// <summary>
/// An issuer of the app whose credentials the shop and the checker accept (the desk's exam body, the shop's sample
/// age service): register it as a singleton <see cref="ISampleIssuer"/> and <see cref="SampleTrust"/> trusts it.
/// </summary>
public interface ISampleIssuer
{
    /// <summary>The issuer's identifier, public keys and the credential types it may issue (read when first needed).</summary>
    TrustedIssuer Trusted { get; }

    /// <summary>
    /// Every identifier under which the issuer's credentials are trusted: <see cref="Trusted"/>, and for an issuer whose
    /// identifier is the app's address, the addresses it had before (same keys), so that its earlier credentials stay
    /// trusted after the app moves to another port.
    /// </summary>
    IEnumerable<TrustedIssuer> TrustedIdentifiers => [Trusted];
}
