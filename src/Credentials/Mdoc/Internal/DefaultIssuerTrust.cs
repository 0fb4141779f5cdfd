using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Mdoc.Internal;

/// <summary>The built-in trust: pinned document signers, else an X.509 chain to the configured IACA roots (no revocation check).</summary>
internal sealed class DefaultIssuerTrust : IMdocIssuerTrust
{
    private readonly IReadOnlyList<X509Certificate2> _anchors;
    private readonly IReadOnlyList<X509Certificate2> _pinned;

    public DefaultIssuerTrust(IReadOnlyList<X509Certificate2> anchors, IReadOnlyList<X509Certificate2> pinned)
    {
        _anchors = anchors;
        _pinned = pinned;
    }

    public VerificationError? Validate(IReadOnlyList<X509Certificate2> chain, DateTimeOffset verificationTime)
    {
        var leaf = chain[0];
        foreach (var pinned in _pinned)
        {
            if (leaf.RawDataMemory.Span.SequenceEqual(pinned.RawDataMemory.Span))
            {
                return verificationTime < leaf.NotBefore || verificationTime > leaf.NotAfter
                    ? new VerificationError(MdocErrors.InvalidChain, "The pinned document-signer certificate is outside its validity period.")
                    : null;
            }
        }

        if (_anchors.Count == 0)
        {
            return new VerificationError(MdocErrors.UntrustedIssuer, "The document signer is not pinned and no IACA trust anchor is configured.");
        }

        using var x509 = new X509Chain();
        x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        x509.ChainPolicy.VerificationTime = verificationTime.UtcDateTime;
        x509.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var anchor in _anchors)
        {
            x509.ChainPolicy.CustomTrustStore.Add(anchor);
        }

        for (var i = 1; i < chain.Count; i++)
        {
            x509.ChainPolicy.ExtraStore.Add(chain[i]);
        }

        if (x509.Build(leaf))
        {
            return null;
        }

        var untrusted = false;
        foreach (var status in x509.ChainStatus)
        {
            if (status.Status is X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain)
            {
                untrusted = true;
            }
        }

        return untrusted
            ? new VerificationError(MdocErrors.UntrustedIssuer, "The document-signer certificate does not chain to a configured IACA trust anchor.")
            : new VerificationError(MdocErrors.InvalidChain, "The document-signer certificate chain is not valid at the verification time.");
    }
}
