using System;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Internal;

/// <summary>
/// The one way the library builds X.509 chains: only to the caller's trust anchors (never the system store), at an
/// injected time, offline (no revocation check, no certificate download).
/// </summary>
internal static class X509Chains
{
    /// <summary>Creates a chain engine trusting exactly <paramref name="anchors"/>; the caller disposes it.</summary>
    /// <param name="anchors">The trust anchors (custom root trust).</param>
    /// <param name="verificationTime">The time the validity of every certificate is checked at.</param>
    public static X509Chain CreateOffline(X509Certificate2Collection anchors, DateTimeOffset verificationTime)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = verificationTime.UtcDateTime;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain;
    }
}
