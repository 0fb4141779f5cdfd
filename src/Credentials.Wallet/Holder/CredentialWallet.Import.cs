using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>Claims that legitimately differ between the copies of a batch.</summary>
    private static readonly HashSet<string> s_perCopyClaims = new(StringComparer.Ordinal) { "iat", "nbf", "exp", "cnf", "status" };

    /// <summary>
    /// Verifies an issued SD-JWT VC and stores it as a reusable credential. Checks, in order: the SD-JWT VC verifier
    /// (signature, issuer trust, disclosures, no Key Binding JWT, time, type, status and type metadata per the options),
    /// then that <c>cnf.jwk</c> is one of the wallet's holder keys. A refused credential is a failure with the code of the
    /// check that failed; nothing is stored.
    /// </summary>
    /// <param name="credential">The SD-JWT VC as issued, with all its disclosures.</param>
    /// <param name="cancellationToken">Cancels resolution and the store.</param>
    /// <returns>The stored credential, or why it was refused.</returns>
    /// <exception cref="ArgumentException">The credential is empty.</exception>
    public ValueTask<VerificationResult<ImportedCredential>> ImportAsync(string credential, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        return ImportCoreAsync([credential], CredentialUse.Reusable, cancellationToken);
    }

    /// <summary>
    /// Verifies a batch of single-use copies of one credential (same type, issuer and claims; different salts and holder
    /// keys) and stores them as one logical credential whose copies are each presented once. Every copy is checked as
    /// <see cref="ImportAsync"/> does; if any copy is refused, none is stored.
    /// </summary>
    /// <param name="copies">The copies as issued.</param>
    /// <param name="cancellationToken">Cancels resolution and the store.</param>
    /// <returns>The stored credential, or why the batch was refused (<see cref="HolderErrors.BatchInconsistent"/> when the copies differ).</returns>
    /// <exception cref="ArgumentException">The list is empty or holds an empty string.</exception>
    public ValueTask<VerificationResult<ImportedCredential>> ImportBatchAsync(IReadOnlyList<string> copies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one copy.", nameof(copies));
        }

        foreach (var copy in copies)
        {
            ArgumentException.ThrowIfNullOrEmpty(copy, nameof(copies));
        }

        return ImportCoreAsync(copies, CredentialUse.SingleUse, cancellationToken);
    }

    private async ValueTask<VerificationResult<ImportedCredential>> ImportCoreAsync(IReadOnlyList<string> copies, CredentialUse use, CancellationToken cancellationToken)
    {
        var policy = new SdJwtVcPolicy
        {
            // An issued credential carries no Key Binding JWT; one would mean it was already presented somewhere.
            KeyBinding = KeyBindingRequirement.Forbidden,
            Status = _options.ImportStatus,
            TypeMetadata = _options.ImportTypeMetadata,
            IssuerAuthorization = _options.IssuerAuthorization,
            AcceptedVcts = _options.AcceptedVcts,
        };

        VerifiedSdJwtVc? first = null;
        var inputs = new List<CredentialCopyInput>(copies.Count);
        DateTimeOffset? expiresAt = null;
        DateTimeOffset? issuedAt = null;
        foreach (var copy in copies)
        {
            var verified = await _verifier.VerifyAsync(copy, policy, cancellationToken).ConfigureAwait(false);
            if (!verified.IsValid)
            {
                return verified.Error;
            }

            var credential = verified.Value;
            var key = await FindBoundKeyAsync(credential.Claims, cancellationToken).ConfigureAwait(false);
            if (!key.IsValid)
            {
                return key.Error;
            }

            if (first is null)
            {
                first = credential;
            }
            else if (!SameCredential(first, credential))
            {
                return new VerificationError(HolderErrors.BatchInconsistent, "The copies of a batch differ in type, issuer or claims.");
            }

            var exp = ReadTime(credential.Claims, "exp");
            if (exp is { } e && (expiresAt is null || e < expiresAt))
            {
                expiresAt = e;
            }

            issuedAt ??= ReadTime(credential.Claims, "iat");
            inputs.Add(new CredentialCopyInput(copy, key.Value.Id));
        }

        var metadata = first!.TypeMetadata;
        var displayName = metadata?.GetName(_options.Locale) ?? first.Vct;
        var stored = await _store.ImportAsync(
            new StoredCredentialInput
            {
                Format = DcqlFormats.SdJwtVc,
                Copies = inputs,
                Use = use,
                Vct = first.Vct,
                Issuer = first.Issuer,
                IssuedAt = issuedAt,
                ExpiresAt = expiresAt,
                DisplayName = displayName,
                DisplayMetadataJson = metadata is null ? null : StoredTypeMetadata.Write(metadata),
            },
            cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        return new ImportedCredential
        {
            Id = stored.Value,
            Vct = first.Vct,
            Issuer = first.Issuer,
            DisplayName = displayName,
            HasTypeMetadata = metadata is not null,
            Use = use,
            Copies = inputs.Count,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>The wallet key named by <c>cnf.jwk</c> (RFC 7800), found by its RFC 7638 thumbprint.</summary>
    private async ValueTask<VerificationResult<HolderKeyInfo>> FindBoundKeyAsync(JsonElement claims, CancellationToken cancellationToken)
    {
        if (!claims.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwkElement))
        {
            return new VerificationError(HolderErrors.HolderBindingMissing, "The credential has no 'cnf.jwk'; the wallet could not prove possession.");
        }

        // RFC 7800 section 3.2: cnf.jwk is the holder's public key; private or symmetric members are refused.
        var jwk = Jwk.ReadPublic(jwkElement);
        if (!jwk.IsValid)
        {
            return jwk.Error;
        }

        string thumbprint;
        try
        {
            thumbprint = jwk.Value.ComputeThumbprint();
        }
        catch (InvalidOperationException)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The credential's 'cnf.jwk' is not a key this wallet can hold.");
        }

        var key = await _store.FindHolderKeyByThumbprintAsync(thumbprint, cancellationToken).ConfigureAwait(false);
        if (!key.IsValid && key.Error.Code == WalletErrors.KeyNotFound)
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The credential's 'cnf.jwk' is not one of this wallet's holder keys.");
        }

        return key;
    }

    private static bool SameCredential(VerifiedSdJwtVc a, VerifiedSdJwtVc b)
    {
        if (!string.Equals(a.Vct, b.Vct, StringComparison.Ordinal) || !string.Equals(a.Issuer, b.Issuer, StringComparison.Ordinal))
        {
            return false;
        }

        var left = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in a.Claims.EnumerateObject())
        {
            if (!s_perCopyClaims.Contains(member.Name))
            {
                left[member.Name] = member.Value;
            }
        }

        var count = 0;
        foreach (var member in b.Claims.EnumerateObject())
        {
            if (s_perCopyClaims.Contains(member.Name))
            {
                continue;
            }

            count++;
            if (!left.TryGetValue(member.Name, out var value) || !JsonElement.DeepEquals(value, member.Value))
            {
                return false;
            }
        }

        return count == left.Count;
    }

    private static DateTimeOffset? ReadTime(JsonElement claims, string name)
        => claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= -62135596800 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
