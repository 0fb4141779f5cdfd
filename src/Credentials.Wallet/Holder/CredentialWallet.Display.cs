using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwtVc.TypeMetadata;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Lists the stored credentials with their names in the user's language: the type metadata <c>display</c> entry
    /// best matching the locale (<c>ja-JP</c> → <c>ja</c> → any <c>ja-*</c> → English → the first), otherwise the name
    /// stored on import, otherwise the <c>vct</c>. Does not decrypt any credential, only the metadata records.
    /// </summary>
    /// <param name="locale">The language; <see cref="CredentialWalletOptions.Locale"/> when omitted.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The credentials in import order, or a store error.</returns>
    public async ValueTask<VerificationResult<IReadOnlyList<WalletCredential>>> ListAsync(string? locale = null, CancellationToken cancellationToken = default)
    {
        var summaries = await _store.ListAsync(null, cancellationToken).ConfigureAwait(false);
        if (!summaries.IsValid)
        {
            return summaries.Error;
        }

        locale ??= _options.Locale;
        var now = _options.TimeProvider.GetUtcNow();
        var list = new List<WalletCredential>(summaries.Value.Count);
        foreach (var summary in summaries.Value)
        {
            list.Add(Describe(summary, StoredTypeMetadata.Read(summary.DisplayMetadataJson), locale, now));
        }

        return list;
    }

    /// <summary>
    /// Shows one credential with every claim labelled in the user's language (type metadata claim <c>display</c>, with the
    /// same fallback as <see cref="ListAsync"/>; the path when there is no label). Decrypts this credential only.
    /// </summary>
    /// <param name="credentialId">The credential.</param>
    /// <param name="locale">The language; <see cref="CredentialWalletOptions.Locale"/> when omitted.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <remarks>A W3C credential (<c>ldp_vc</c>, <c>jwt_vc_json</c>) lists every claim of the credential, none selectively disclosable, labelled by its path.</remarks>
    /// <returns>The credential and its claims; or <c>wallet.not_found</c>, <c>wallet.batch_exhausted</c>, <see cref="HolderErrors.UnsupportedFormat"/>.</returns>
    public async ValueTask<VerificationResult<CredentialDetails>> GetDetailsAsync(string credentialId, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        var stored = await _store.GetAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        var summary = stored.Value.Summary;
        if (IsMdocFormat(summary.Format))
        {
            return MdocDetails(stored.Value, locale);
        }

        var w3c = IsW3cFormat(summary.Format);
        if (!w3c && !string.Equals(summary.Format, Dcql.DcqlFormats.SdJwtVc, StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, "Only SD-JWT VCs and W3C credentials can be shown.");
        }

        // A W3C credential has no selective disclosure: every claim is listed as always disclosed.
        var view = w3c ? HolderView.BuildW3c(stored.Value.Raw) : HolderView.Build(stored.Value.Raw, _holder, _options.Limits);
        if (!view.IsValid)
        {
            return view.Error;
        }

        locale ??= _options.Locale;
        var metadata = StoredTypeMetadata.Read(summary.DisplayMetadataJson);
        var labelling = metadata ?? Bare(summary.Vct ?? (summary.Types.IsDefaultOrEmpty ? summary.Format : summary.Types[^1]));
        var claims = new List<WalletClaim>();
        foreach (var claim in ClaimLabeler.Label(labelling, view.Value.Claims, locale))
        {
            var disclosable = false;
            foreach (var sd in view.Value.SelectivelyDisclosable)
            {
                if (claim.Path.StartsWith(sd))
                {
                    disclosable = true;
                    break;
                }
            }

            claims.Add(new WalletClaim(claim.Path, claim.Label, claim.Description, claim.Value, disclosable));
        }

        return new CredentialDetails { Credential = Describe(summary, metadata, locale, _options.TimeProvider.GetUtcNow()), Claims = claims };
    }

    private WalletCredential Describe(CredentialSummary summary, ResolvedTypeMetadata? metadata, string locale, DateTimeOffset now)
    {
        var display = metadata?.GetDisplay(locale);
        return new WalletCredential
        {
            Id = summary.Id,
            Format = summary.Format,
            Vct = summary.Vct,
            DocType = summary.DocType,
            Issuer = summary.Issuer,
            DisplayName = display?.Name ?? NameOf(summary, metadata, locale),
            Description = display?.Description,
            DisplayLocale = display?.Locale,
            BackgroundColor = display?.Rendering?.Simple?.BackgroundColor,
            TextColor = display?.Rendering?.Simple?.TextColor,
            IssuedAt = summary.IssuedAt,
            ExpiresAt = summary.ExpiresAt,
            IsExpired = summary.ExpiresAt is { } exp && exp <= now,
            Use = summary.Use,
            RemainingCopies = summary.RemainingCopies,
            IsRunningLow = IsRunningLow(summary.RemainingCopies),
        };
    }

    /// <summary>Metadata with no display or claims, so claims are listed with their paths.</summary>
    private static ResolvedTypeMetadata Bare(string vct) => ResolvedTypeMetadata.Create([new TypeMetadataDocument { Vct = vct }]).Value;
}
