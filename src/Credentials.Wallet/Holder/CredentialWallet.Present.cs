using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.SdJwt;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>
    /// Presents chosen claims of one stored credential to one verifier, without a DCQL request: the manual counterpart
    /// of <see cref="PrepareAsync"/> + <see cref="RespondAsync"/> (for example a presentation written to a file or shown
    /// as a QR code). The claims are checked against the credential before anything is used; then, exactly as
    /// <see cref="RespondAsync"/> does: a copy is taken (a single-use copy is used up and erased), the disclosures the
    /// claims need are kept and no others, a fresh Key Binding JWT (<c>aud</c> = <paramref name="audience"/>,
    /// <c>nonce</c> = <paramref name="nonce"/>, <c>iat</c> now, <c>sd_hash</c> over the presented string) is signed with
    /// the holder key that copy is bound to, and the presentation is recorded in the disclosure log (verifier =
    /// <paramref name="audience"/>, the disclosed claim paths).
    /// </summary>
    /// <param name="credentialId">The credential (from <see cref="ListAsync"/>).</param>
    /// <param name="claims">
    /// The claims to disclose. A path that reaches into a selectively disclosable claim discloses it (and the way to it);
    /// a path to an object discloses its members. A path to a plaintext claim needs no disclosure and is listed in
    /// <see cref="CredentialPresentation.RequestedAlwaysVisible"/>. An empty list discloses nothing selectively.
    /// </param>
    /// <param name="audience">The verifier's identifier, the Key Binding JWT's <c>aud</c>.</param>
    /// <param name="nonce">The fresh nonce the verifier gave for this presentation.</param>
    /// <param name="locale">The language of the labels; <see cref="CredentialWalletOptions.Locale"/> when omitted.</param>
    /// <param name="cancellationToken">Cancels the store and signing.</param>
    /// <returns>
    /// The presentation; or <see cref="HolderErrors.ClaimNotFound"/> (nothing used), <c>wallet.not_found</c>,
    /// <c>wallet.batch_exhausted</c>, <see cref="HolderErrors.UnsupportedFormat"/>,
    /// <see cref="HolderErrors.HolderBindingMissing"/>, <see cref="HolderErrors.HolderKeyMismatch"/>,
    /// <see cref="HolderErrors.DisclosureMismatch"/>, <see cref="HolderErrors.PlanAlreadyAnswered"/> (this wallet already
    /// presented for this <c>aud</c> and <c>nonce</c>) or another store error. On a failure after the copy was taken, a
    /// single-use copy stays used: nothing was handed over with it.
    /// </returns>
    /// <exception cref="ArgumentException">The id, audience or nonce is empty.</exception>
    public async ValueTask<VerificationResult<CredentialPresentation>> PresentAsync(
        string credentialId,
        IReadOnlyList<ClaimPath> claims,
        string audience,
        string nonce,
        string? locale = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentException.ThrowIfNullOrWhiteSpace(nonce);
        if (claims.Any(c => c is null))
        {
            throw new ArgumentException("No claim path may be null.", nameof(claims));
        }

        locale ??= _options.Locale;

        // Check the claims on the holder's own view before a (single-use) copy is taken.
        var stored = await _store.GetAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!stored.IsValid)
        {
            return stored.Error;
        }

        var summary = stored.Value.Summary;
        if (!string.Equals(summary.Format, Dcql.DcqlFormats.SdJwtVc, StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.UnsupportedFormat, "Only SD-JWT VCs can be presented.");
        }

        var view = HolderView.Build(stored.Value.Raw, _holder, _options.Limits);
        if (!view.IsValid)
        {
            return view.Error;
        }

        var plaintext = ImmutableArray.CreateBuilder<ClaimPath>();
        foreach (var claim in claims)
        {
            if (view.Value.Disclosable.Any(d => claim.MatchesPrefixOf(d.Path, out _)))
            {
                continue;
            }

            if (!ClaimTree.SelectsAny(view.Value.Claims, claim))
            {
                return new VerificationError(HolderErrors.ClaimNotFound, "The credential has no claim at a requested path; nothing was presented.") { Path = claim };
            }

            plaintext.Add(claim);
        }

        var planned = Disclosed(view.Value, claims);

        // Never present twice for the same (aud, nonce): the Key Binding JWT would be replayable.
        if (!_answeredNonces.TryAdd((audience, nonce), true))
        {
            return new VerificationError(HolderErrors.PlanAlreadyAnswered, "A presentation for this audience and nonce was already made.");
        }

        var taken = await TakeBoundCopyAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!taken.IsValid)
        {
            return taken.Error;
        }

        var (copy, keyId, copyView) = taken.Value;

        var selected = _holder.Select(copyView.SdJwt, claims);
        if (!selected.IsValid)
        {
            return selected.Error;
        }

        // A batch copy is not the one the claims were checked on: it must disclose the same claims with the same values.
        var disclosed = Disclosed(copyView, claims);
        var plannedValues = planned.ToDictionary(d => d.Path, d => d.Value);
        if (disclosed.Count != planned.Count
            || !disclosed.All(d => plannedValues.TryGetValue(d.Path, out var value) && System.Text.Json.JsonElement.DeepEquals(value, d.Value)))
        {
            return new VerificationError(HolderErrors.DisclosureMismatch, "The copy would disclose something other than the stored credential shows.");
        }

        var presentation = await BindAsync(keyId, copyView, selected.Value, new KeyBindingInput(audience, nonce), cancellationToken).ConfigureAwait(false);
        if (!presentation.IsValid)
        {
            return presentation.Error;
        }

        var entry = await _store.RecordPresentationAsync(
            new PresentationRecord
            {
                Verifier = audience,
                Time = _options.TimeProvider.GetUtcNow(),
                Credentials =
                [
                    new DisclosedCredential
                    {
                        CredentialId = credentialId,
                        Vct = summary.Vct,
                        Claims = [.. disclosed.Select(d => new DisclosedClaim(d.Path, d.Value.GetRawText()))],
                    },
                ],
            },
            cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid)
        {
            return entry.Error;
        }

        var metadata = StoredTypeMetadata.Read(summary.DisplayMetadataJson);
        var disclosedPaths = disclosed.Select(d => d.Path).ToHashSet();
        return new CredentialPresentation
        {
            CredentialId = credentialId,
            Vct = summary.Vct,
            CopyId = copy.CopyId,
            Presentation = presentation.Value,
            Audience = audience,
            Nonce = nonce,
            RequestedClaims = [.. claims],
            Disclosed = [.. disclosed.Select(d => new WalletClaim(d.Path, Label(metadata, d.Path, locale), metadata?.GetClaimDisplay(d.Path, locale)?.Description, d.Value, IsSelectivelyDisclosable: true))],
            Withheld =
            [
                .. copyView.Disclosable
                    .Where(d => !disclosedPaths.Contains(d.Path))
                    .Select(d => new WalletClaim(d.Path, Label(metadata, d.Path, locale), metadata?.GetClaimDisplay(d.Path, locale)?.Description, ValueAt(copyView.Claims, d.Path), IsSelectivelyDisclosable: true)),
            ],
            RequestedAlwaysVisible = plaintext.ToImmutable(),
            Use = copy.Use,
            RemainingCopies = copy.RemainingCopies,
            IsRunningLow = IsRunningLow(copy.RemainingCopies),
            LogEntryId = entry.Value.Id,
        };
    }

    /// <summary>The selectively disclosable claims the requested paths reveal, in disclosure order, with their values.</summary>
    private static List<(ClaimPath Path, System.Text.Json.JsonElement Value)> Disclosed(HolderView view, IReadOnlyList<ClaimPath> claims)
        => [.. view.Disclosable
            .Where(d => claims.Any(c => c.MatchesPrefixOf(d.Path, out _)))
            .Select(d => (d.Path, ValueAt(view.Claims, d.Path)))];
}
