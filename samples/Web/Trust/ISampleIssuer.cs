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
}
