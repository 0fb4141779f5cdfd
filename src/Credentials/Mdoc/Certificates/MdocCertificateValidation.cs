using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;

namespace Credentials.Mdoc.Certificates;

/// <summary>
/// A validated mdoc <c>x5chain</c>: the document signer's certificate and key, and the trust anchor it was accepted
/// by. The certificates and the key belong to the validator, which may hand the same instances to later calls: use
/// them, never dispose them.
/// </summary>
public sealed class MdocCertificateValidation
{
    internal MdocCertificateValidation(X509Certificate2 documentSigner, X509Certificate2 trustAnchor, IReadOnlyList<X509Certificate2> chain, VerificationKey documentSignerKey, bool isPinned)
    {
        DocumentSigner = documentSigner;
        TrustAnchor = trustAnchor;
        Chain = chain;
        DocumentSignerKey = documentSignerKey;
        IsPinned = isPinned;
    }

    /// <summary>The document signer (DS) certificate, the first of <c>x5chain</c>.</summary>
    public X509Certificate2 DocumentSigner { get; }

    /// <summary>
    /// The configured certificate the chain was accepted by: an IACA root, or the document signer certificate
    /// itself when it was pinned (<see cref="IsPinned"/>).
    /// </summary>
    public X509Certificate2 TrustAnchor { get; }

    /// <summary>The validated path, document signer first and trust anchor last (one certificate when pinned).</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The document signer's public key, to verify the MSO's COSE_Sign1 signature with.</summary>
    public VerificationKey DocumentSignerKey { get; }

    /// <summary>Whether the document signer certificate was trusted directly (pinned) rather than through an IACA.</summary>
    public bool IsPinned { get; }

    /// <inheritdoc />
    public override string ToString() => $"MdocCertificateValidation({DocumentSigner.Subject} <- {TrustAnchor.Subject})";
}
