using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.W3c;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Verifies an issued W3C credential and stores it as received, beside the SD-JWT VCs: JSON with an embedded Data
    /// Integrity proof is stored as <c>ldp_vc</c>, a compact JWS (<c>vc+jwt</c>) as <c>jwt_vc_json</c>. Checks, in order:
    /// <see cref="CredentialWalletOptions.W3cVerifier"/> (proof, issuer trust, data model, validity period, status), then
    /// that the credential subject's <c>id</c> is a <c>did:key</c> or <c>did:jwk</c> of one of the wallet's holder keys
    /// (the key is recorded with the credential and later signs its presentations). The fully expanded types are kept
    /// for DCQL matching (a credential whose contexts cannot be expanded is stored, and matches no <c>type_values</c>).
    /// </summary>
    /// <param name="credential">The credential as issued.</param>
    /// <param name="cancellationToken">Cancels resolution and the store.</param>
    /// <returns>
    /// The stored credential; or <see cref="HolderErrors.UnsupportedFormat"/> (not a W3C credential, or no verifier
    /// configured), the verifier's error, <see cref="HolderErrors.HolderBindingMissing"/> (no subject DID),
    /// <see cref="HolderErrors.HolderKeyMismatch"/> (the DID is not a wallet key) or a store error.
    /// </returns>
    /// <exception cref="ArgumentException">The credential is empty.</exception>
    public async ValueTask<VerificationResult<ImportedCredential>> ImportW3cAsync(string credential, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var format = W3cStoredCredential.FormatOf(credential);
        if (format is null || _options.W3cVerifier is not { } verifier)
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, format is null
                ? "The credential is neither JSON with an embedded proof nor a compact JWS."
                : "This wallet has no W3C credential verifier.");
        }

        var verified = await verifier.VerifyAsync(credential, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            return verified.Error;
        }

        var vc = verified.Value.Credential;
        var key = await FindSubjectKeyAsync(vc, cancellationToken).ConfigureAwait(false);
        if (!key.IsValid)
        {
            return key.Error;
        }

        // OpenID4VP 1.0 Appendix B.1.1: type_values are matched against the fully expanded types.
        var expanded = await DcqlW3cTypes.ExpandAsync(vc.Json, null, cancellationToken).ConfigureAwait(false);
        var displayName = vc.Name?.GetOrFirst(_options.Locale);
        var stored = await _store.ImportAsync(
            new StoredCredentialInput
            {
                Format = format,
                Copies = [new CredentialCopyInput(credential, key.Value.Id)],
                Types = vc.Types,
                ExpandedTypes = expanded.IsValid ? expanded.Value : null,
                Issuer = vc.Issuer.Id,
                IssuedAt = vc.ValidFrom,
                ExpiresAt = vc.ValidUntil,
                DisplayName = displayName,
            },
            cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        var mostSpecific = vc.Types.IsDefaultOrEmpty ? W3cTypes.VerifiableCredential : vc.Types[^1];
        return new ImportedCredential
        {
            Id = stored.Value,
            Format = format,
            Types = vc.Types,
            HolderKeyId = key.Value.Id,
            Vct = mostSpecific,
            Issuer = vc.Issuer.Id,
            DisplayName = displayName ?? mostSpecific,
            Use = CredentialUse.Reusable,
            Copies = 1,
            ExpiresAt = vc.ValidUntil,
        };
    }

    /// <summary>The wallet key named by the credential subject's DID (<c>did:key</c> or <c>did:jwk</c>).</summary>
    private async ValueTask<VerificationResult<HolderKeyInfo>> FindSubjectKeyAsync(W3cCredential credential, CancellationToken cancellationToken)
    {
        var subjects = credential.CredentialSubjects.IsDefault ? [] : credential.CredentialSubjects;
        if (subjects.Length != 1 || W3cStoredCredential.KeyOf(subjects[0].Id) is not { } bound)
        {
            return new VerificationError(HolderErrors.HolderBindingMissing, "The credential has no single subject whose id is a did:key or did:jwk; the wallet could not prove it is the subject.");
        }

        string thumbprint;
        try
        {
            thumbprint = bound.Key.ComputeThumbprint();
        }
        catch (InvalidOperationException)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The subject's DID names a key this wallet cannot hold.");
        }

        var key = await _store.FindHolderKeyByThumbprintAsync(thumbprint, cancellationToken).ConfigureAwait(false);
        if (!key.IsValid && key.Error.Code == WalletErrors.KeyNotFound)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The subject's DID is not one of this wallet's holder keys.");
        }

        return key;
    }
}
