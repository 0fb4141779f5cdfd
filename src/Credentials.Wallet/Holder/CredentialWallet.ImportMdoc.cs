using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Mdoc;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Verifies an issued ISO mdoc (an encoded <c>IssuerSigned</c>, ISO/IEC 18013-5 §8.3.2.1.2.2) and stores it as a
    /// reusable credential of format <c>mso_mdoc</c>, beside the other formats and encrypted the same way. Checks, in
    /// order: <see cref="CredentialWalletOptions.MdocVerifier"/> (structure, document-signer chain to the wallet's IACA
    /// trust anchors, MSO signature, every value digest, document type, validity), then that the MSO's
    /// <c>deviceKeyInfo.deviceKey</c> is one of the wallet's holder keys (found by its RFC 7638 thumbprint; that key later
    /// signs the DeviceAuthentication of each presentation). A refused mdoc is a failure with the code of the check that
    /// failed; nothing is stored.
    /// </summary>
    /// <param name="issuerSigned">The IssuerSigned CBOR as issued.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>
    /// The stored credential; or <see cref="HolderErrors.UnsupportedFormat"/> (no mdoc verifier configured), an
    /// <see cref="MdocErrors"/> code (for example <c>mdoc.untrusted_issuer</c>, <c>mdoc.digest_mismatch</c>,
    /// <c>mdoc.invalid_issuer_signature</c>, <c>mdoc.expired</c>), <see cref="HolderErrors.HolderKeyMismatch"/> (the
    /// device key is not a wallet key) or a store error.
    /// </returns>
    /// <exception cref="ArgumentException">The mdoc is empty.</exception>
    public ValueTask<VerificationResult<ImportedCredential>> ImportMdocAsync(ReadOnlyMemory<byte> issuerSigned, CancellationToken cancellationToken = default)
    {
        if (issuerSigned.IsEmpty)
        {
            throw new ArgumentException("The mdoc is empty.", nameof(issuerSigned));
        }

        return ImportMdocCoreAsync([issuerSigned], CredentialUse.Reusable, cancellationToken);
    }

    /// <summary>Verifies and stores an mdoc given as base64url (the OpenID4VCI <c>mso_mdoc</c> credential encoding); see <see cref="ImportMdocAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    /// <param name="issuerSigned">The base64url-encoded IssuerSigned (no padding).</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The stored credential, or why it was refused (<c>mdoc.malformed_cbor</c> when the text is not base64url).</returns>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public ValueTask<VerificationResult<ImportedCredential>> ImportMdocBase64UrlAsync(string issuerSigned, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerSigned);
        var bytes = DecodeMdoc(issuerSigned);
        return bytes.IsValid
            ? ImportMdocCoreAsync([bytes.Value], CredentialUse.Reusable, cancellationToken)
            : ValueTask.FromResult<VerificationResult<ImportedCredential>>(bytes.Error);
    }

    /// <summary>
    /// Verifies a batch of single-use copies of one mdoc (same document type, document signer and data elements;
    /// different device keys and random salts) and stores them as one logical credential whose copies are each presented
    /// once, exactly as <see cref="ImportBatchAsync"/> does for SD-JWT VCs. Every copy is checked as
    /// <see cref="ImportMdocAsync(ReadOnlyMemory{byte}, CancellationToken)"/> does; if any copy is refused, none is stored.
    /// </summary>
    /// <param name="copies">The encoded IssuerSigned of each copy.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The stored credential, or why the batch was refused (<see cref="HolderErrors.BatchInconsistent"/> when the copies differ).</returns>
    /// <exception cref="ArgumentException">The list is empty or holds an empty copy.</exception>
    public ValueTask<VerificationResult<ImportedCredential>> ImportMdocBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> copies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one copy.", nameof(copies));
        }

        foreach (var copy in copies)
        {
            if (copy.IsEmpty)
            {
                throw new ArgumentException("A copy is empty.", nameof(copies));
            }
        }

        return ImportMdocCoreAsync(copies, CredentialUse.SingleUse, cancellationToken);
    }

    private static VerificationResult<byte[]> DecodeMdoc(string text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text.Trim());
        }
        catch (FormatException)
        {
            return new VerificationError(MdocErrors.MalformedCbor, "The mdoc is not base64url.");
        }
    }

    private async ValueTask<VerificationResult<ImportedCredential>> ImportMdocCoreAsync(IReadOnlyList<ReadOnlyMemory<byte>> copies, CredentialUse use, CancellationToken cancellationToken)
    {
        if (_options.MdocVerifier is not { } verifier)
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, "This wallet has no mdoc verifier (IACA trust anchors).");
        }

        MdocVerifiedDocument? first = null;
        var inputs = new List<CredentialCopyInput>(copies.Count);
        DateTimeOffset? expiresAt = null;
        foreach (var copy in copies)
        {
            // ISO/IEC 18013-5 §9.3.1: the issuer side (chain, MSO signature, digests, doctype, validity), before storing.
            var verified = verifier.VerifyIssuerSigned(copy);
            if (!verified.IsValid)
            {
                return verified.Error;
            }

            var document = verified.Value.Documents[0];
            var key = await FindDeviceKeyAsync(document.MobileSecurityObject, cancellationToken).ConfigureAwait(false);
            if (!key.IsValid)
            {
                return key.Error;
            }

            if (first is null)
            {
                first = document;
            }
            else if (!SameMdoc(first, document))
            {
                return new VerificationError(HolderErrors.BatchInconsistent, "The copies of a batch differ in document type, document signer or data elements.");
            }

            var until = document.MobileSecurityObject.ValidityInfo.ValidUntil;
            if (expiresAt is null || until < expiresAt)
            {
                expiresAt = until;
            }

            foreach (var other in inputs)
            {
                if (string.Equals(other.HolderKeyId, key.Value.Id, StringComparison.Ordinal) && use == CredentialUse.SingleUse)
                {
                    // Single-use copies exist so that presentations cannot be linked by the device key.
                    return new VerificationError(HolderErrors.BatchInconsistent, "Two copies of a single-use batch share a device key.");
                }
            }

            inputs.Add(new CredentialCopyInput(Base64Url.EncodeToString(copy.Span), key.Value.Id));
        }

        var docType = first!.DocType;
        var issuer = first.DocumentSigner.Subject;
        var issuedAt = first.MobileSecurityObject.ValidityInfo.Signed;
        var stored = await _store.ImportAsync(
            new StoredCredentialInput
            {
                Format = DcqlFormats.MsoMdoc,
                Copies = inputs,
                Use = use,
                DocType = docType,
                Issuer = issuer,
                IssuedAt = issuedAt,
                ExpiresAt = expiresAt,
                DisplayName = docType,
            },
            cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        return new ImportedCredential
        {
            Id = stored.Value,
            Format = DcqlFormats.MsoMdoc,
            DocType = docType,
            Vct = docType,
            HolderKeyId = inputs[0].HolderKeyId,
            Issuer = issuer,
            DisplayName = docType,
            Use = use,
            Copies = inputs.Count,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>The wallet key the MSO's <c>deviceKeyInfo.deviceKey</c> names (ISO/IEC 18013-5 §9.1.2.4), found by its RFC 7638 thumbprint.</summary>
    private async ValueTask<VerificationResult<HolderKeyInfo>> FindDeviceKeyAsync(MobileSecurityObject mso, CancellationToken cancellationToken)
    {
        string thumbprint;
        try
        {
            thumbprint = mso.DeviceKey.ComputeThumbprint();
        }
        catch (InvalidOperationException)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The mdoc's device key is not a key this wallet can hold.");
        }

        var key = await _store.FindHolderKeyByThumbprintAsync(thumbprint, cancellationToken).ConfigureAwait(false);
        if (!key.IsValid && key.Error.Code == WalletErrors.KeyNotFound)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The mdoc's device key is not one of this wallet's holder keys.");
        }

        return key;
    }

    /// <summary>Same document type, document signer and data elements (identifiers and values; the random salts differ per copy).</summary>
    private static bool SameMdoc(MdocVerifiedDocument a, MdocVerifiedDocument b)
    {
        if (!string.Equals(a.DocType, b.DocType, StringComparison.Ordinal) || !a.DocumentSigner.RawDataMemory.Span.SequenceEqual(b.DocumentSigner.RawDataMemory.Span))
        {
            return false;
        }

        if (a.Elements.Count != b.Elements.Count)
        {
            return false;
        }

        foreach (var (ns, elements) in a.Elements)
        {
            if (!b.Elements.TryGetValue(ns, out var other) || other.Count != elements.Count)
            {
                return false;
            }

            foreach (var (name, value) in elements)
            {
                if (!other.TryGetValue(name, out var otherValue) || !value.Equals(otherValue))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
