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
    /// Answers a plan with the user's consent, once. A denial returns <see cref="PresentationResponse.IsDenied"/>: nothing is
    /// disclosed, no copy is used, no Key Binding JWT is created, nothing is logged. An approval, for each planned
    /// presentation left after the user's changes: takes a copy (a single-use copy is used up and erased), keeps exactly
    /// the planned disclosures, adds a fresh Key Binding JWT (<c>aud</c> and <c>nonce</c> from the request, <c>iat</c> now)
    /// signed with the holder key that copy is bound to, records the presentation in the disclosure log and returns the
    /// <c>vp_token</c>.
    /// </summary>
    /// <param name="plan">The plan from <see cref="PrepareAsync"/>.</param>
    /// <param name="consent">The user's answer.</param>
    /// <param name="cancellationToken">Cancels the store and signing.</param>
    /// <returns>
    /// The response; or <see cref="HolderErrors.PlanAlreadyAnswered"/>, <see cref="HolderErrors.PlanNotSatisfiable"/>,
    /// <see cref="HolderErrors.ConsentInvalid"/>, <see cref="HolderErrors.DisclosureMismatch"/>, <c>wallet.batch_exhausted</c>
    /// (a copy was used up by another presentation in between) or another store error. On a failure after copies were
    /// taken, those single-use copies stay used: nothing was sent with them.
    /// </returns>
    public async ValueTask<VerificationResult<PresentationResponse>> RespondAsync(PresentationPlan plan, PresentationConsent consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(consent);
        if (!plan.TryMarkAnswered())
        {
            return new VerificationError(HolderErrors.PlanAlreadyAnswered, "This plan was already answered.");
        }

        if (!consent.IsApproved)
        {
            return new PresentationResponse { IsDenied = true, VpToken = new Dictionary<string, ImmutableArray<string>>(), Presented = [] };
        }

        if (!plan.IsSatisfiable)
        {
            return new VerificationError(HolderErrors.PlanNotSatisfiable, "The wallet cannot answer this request; nothing may be sent.");
        }

        var chosen = ApplyConsent(plan, consent);
        if (!chosen.IsValid)
        {
            return chosen.Error;
        }

        var request = plan.Request;
        var audience = request.EffectiveAudience;
        Credentials.Mdoc.SessionTranscript? transcript = null;
        if (chosen.Value.Any(i => IsMdocFormat(i.Format)))
        {
            var built = MdocTranscript(request);
            if (!built.IsValid)
            {
                return built.Error;
            }

            transcript = built.Value;
        }

        // Never answer the same (aud, nonce) twice: the Key Binding JWT would be replayable (and, with deterministic
        // signatures, byte-identical).
        if (!_answeredNonces.TryAdd((audience, request.Nonce), true))
        {
            return new VerificationError(HolderErrors.PlanAlreadyAnswered, "A presentation for this audience and nonce was already made.");
        }

        var presented = ImmutableArray.CreateBuilder<PresentedCredential>(chosen.Value.Count);
        var vpToken = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var logged = new List<DisclosedCredential>(chosen.Value.Count);
        foreach (var item in chosen.Value)
        {
            var one = IsMdocFormat(item.Format)
                ? await PresentMdocPlannedAsync(item, transcript!, cancellationToken).ConfigureAwait(false)
                : item.DisclosesWholeCredential
                ? await PresentW3cAsync(item, audience, request.Nonce, cancellationToken).ConfigureAwait(false)
                : await PresentOneAsync(item, new KeyBindingInput(audience, request.Nonce), cancellationToken).ConfigureAwait(false);
            if (!one.IsValid)
            {
                return one.Error;
            }

            presented.Add(one.Value);
            vpToken[item.QueryId] = [one.Value.Presentation];
            logged.Add(IsMdocFormat(item.Format) ? MdocLogged(item.CredentialId, item.DocType, item.QueryId, item.Selection.Paths) : new DisclosedCredential
            {
                CredentialId = item.CredentialId,
                Vct = item.Vct,
                QueryId = item.QueryId,
                // A W3C credential is sent whole: every claim is logged as disclosed.
                Claims = [.. item.RequestedClaims.Concat(item.AlsoRevealedClaims).Concat(item.DisclosesWholeCredential ? item.AlwaysVisibleClaims : []).Select(c => new DisclosedClaim(c.Path, c.Value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : c.Value.GetRawText()))],
            });
        }

        var entry = await _store.RecordPresentationAsync(
            new PresentationRecord
            {
                Verifier = request.ClientId,
                Audience = string.Equals(audience, request.ClientId, StringComparison.Ordinal) ? null : audience,
                Time = _options.TimeProvider.GetUtcNow(),
                Credentials = logged,
            },
            cancellationToken).ConfigureAwait(false);
        if (!entry.IsValid)
        {
            return entry.Error;
        }

        return new PresentationResponse { IsDenied = false, VpToken = vpToken, Presented = presented.ToImmutable(), LogEntryId = entry.Value.Id };
    }

    private VerificationResult<List<PlannedPresentation>> ApplyConsent(PresentationPlan plan, PresentationConsent consent)
    {
        foreach (var id in consent.DroppedQueries.Concat(consent.DroppedClaims.Select(d => d.QueryId)).Concat(consent.ChosenAlternatives.Select(a => a.QueryId)))
        {
            if (plan.Find(id) is null)
            {
                return new VerificationError(HolderErrors.ConsentInvalid, "The consent names a query the plan does not present.");
            }
        }

        var result = new List<PlannedPresentation>(plan.Presentations.Length);
        foreach (var item in plan.Presentations)
        {
            if (consent.DroppedQueries.Contains(item.QueryId, StringComparer.Ordinal))
            {
                if (!item.IsOptional)
                {
                    return new VerificationError(HolderErrors.ConsentInvalid, "A required presentation cannot be dropped; deny the request instead.");
                }

                continue;
            }

            var selection = item.Selection;
            foreach (var (queryId, index) in consent.ChosenAlternatives)
            {
                if (string.Equals(queryId, item.QueryId, StringComparison.Ordinal))
                {
                    var alternative = item.Match.Alternatives.FirstOrDefault(a => a.ClaimSetIndex == index);
                    if (alternative is null)
                    {
                        return new VerificationError(HolderErrors.ConsentInvalid, "The chosen claim set is not one this credential can answer with.");
                    }

                    selection = alternative;
                }
            }

            var dropped = consent.DroppedClaims.Where(d => string.Equals(d.QueryId, item.QueryId, StringComparison.Ordinal)).Select(d => d.Path).ToList();
            if (dropped.Count > 0)
            {
                if (dropped.Any(p => !selection.Paths.Contains(p)))
                {
                    return new VerificationError(HolderErrors.ConsentInvalid, "A dropped claim is not one the plan would send.");
                }

                var smaller = FindWithout(dropped, selection, item.Match.Alternatives);
                if (smaller is null)
                {
                    return new VerificationError(HolderErrors.ConsentInvalid, "The query cannot be answered without a dropped claim; deny the request instead.");
                }

                selection = smaller;
            }

            result.Add(ReferenceEquals(selection, item.Selection)
                ? item
                : Plan(item.Query, item.Match, selection, item.IsOptional, item.Info, item.OtherCandidateIds, plan.Locale));
        }

        return result;
    }

    private async ValueTask<VerificationResult<PresentedCredential>> PresentOneAsync(PlannedPresentation item, KeyBindingInput keyBinding, CancellationToken cancellationToken)
    {
        var taken = await TakeBoundCopyAsync(item.CredentialId, cancellationToken).ConfigureAwait(false);
        if (!taken.IsValid)
        {
            return taken.Error;
        }

        var (copy, keyId, view) = taken.Value;

        var selected = _holder.Select(view.SdJwt, item.Selection.Paths);
        if (!selected.IsValid)
        {
            return selected.Error;
        }

        // The copy may not be the one the plan was made from (batches): it must disclose exactly what the plan showed.
        var pathByDisclosure = view.Disclosable.ToDictionary(d => d.Disclosure.Encoded, d => d.Path, StringComparer.Ordinal);
        var disclosed = selected.Value.Disclosures.Select(d => pathByDisclosure[d.Encoded]).ToImmutableArray();
        if (disclosed.Length != item.Disclosures.Length || !disclosed.All(item.Disclosures.Contains)
            || !item.Selection.Paths.All(p => ClaimTree.TryGet(view.Claims, p, out var v) && ClaimTree.TryGet(item.Info.View.Claims, p, out var planned) && System.Text.Json.JsonElement.DeepEquals(v, planned)))
        {
            return new VerificationError(HolderErrors.DisclosureMismatch, "The copy would disclose something other than the plan showed.");
        }

        var presentation = await BindAsync(keyId, view, selected.Value, keyBinding, cancellationToken).ConfigureAwait(false);
        if (!presentation.IsValid)
        {
            return presentation.Error;
        }

        return new PresentedCredential
        {
            QueryId = item.QueryId,
            CredentialId = item.CredentialId,
            CopyId = copy.CopyId,
            Presentation = presentation.Value,
            RequestedClaims = item.Selection.Paths,
            Disclosures = disclosed,
            RemainingCopies = copy.RemainingCopies,
            IsRunningLow = IsRunningLow(copy.RemainingCopies),
        };
    }

    // Takes the next unused copy (a single-use copy is used up from here on), its holder key and its holder view: the
    // shared first step of every presentation, through OpenID4VP or directly.
    private async ValueTask<VerificationResult<(CredentialCopy Copy, string KeyId, HolderView View)>> TakeBoundCopyAsync(string credentialId, CancellationToken cancellationToken)
    {
        var copy = await _store.TakeUnusedCopyAsync(credentialId, cancellationToken).ConfigureAwait(false);
        if (!copy.IsValid)
        {
            return copy.Error;
        }

        if (copy.Value.HolderKeyId is not { } keyId)
        {
            return new VerificationError(HolderErrors.HolderBindingMissing, "The stored copy is not bound to a holder key of this wallet.");
        }

        var view = HolderView.Build(copy.Value.Raw, _holder, _options.Limits);
        if (!view.IsValid)
        {
            return view.Error;
        }

        return (copy.Value, keyId, view.Value);
    }

    /// <summary>
    /// Adds a fresh Key Binding JWT to the selected disclosures of a copy, signed with the holder key the copy is stored
    /// with, after checking that key is the one in the copy's <c>cnf.jwk</c>.
    /// </summary>
    private async ValueTask<VerificationResult<string>> BindAsync(string keyId, HolderView copy, SdJwtToken selected, KeyBindingInput keyBinding, CancellationToken cancellationToken)
    {
        var signer = await _store.GetSignerAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!signer.IsValid)
        {
            return signer.Error;
        }

        using var key = signer.Value;
        if (!copy.Claims.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != System.Text.Json.JsonValueKind.Object
            || !cnf.TryGetProperty("jwk", out var cnfJwk)
            || Keys.Jwk.ReadPublic(cnfJwk) is not { IsValid: true } jwk
            || !string.Equals(jwk.Value.ComputeThumbprint(), key.PublicJwk.ComputeThumbprint(), StringComparison.Ordinal))
        {
            return new VerificationError(HolderErrors.HolderKeyMismatch, "The copy's 'cnf.jwk' is not the holder key it is stored with.");
        }

        var kb = await _holder.CreateKeyBindingJwtAsync(selected, keyBinding, key, cancellationToken).ConfigureAwait(false);
        return selected.WithKeyBindingJwt(kb).Serialize();
    }


}
