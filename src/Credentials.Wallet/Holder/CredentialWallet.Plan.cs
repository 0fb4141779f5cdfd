using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.SdJwt;
using Credentials.Wallet.Holder.Internal;

namespace Credentials.Wallet.Holder;

public sealed partial class CredentialWallet
{
    /// <summary>Claims from which an age statement could be computed; the wallet never does, and never sends them instead.</summary>
    private static readonly string[] s_ageSources = ["birthdate", "birth_date", "age_in_years", "age_birth_year", "birth_year"];

    /// <summary>
    /// Works out how the wallet would answer a request, without disclosing anything: candidates are pre-filtered by
    /// format and type on the store's metadata (credentials that cannot match are never decrypted), matched with the
    /// <see cref="DcqlMatcher"/> (fewest disclosures by default), and described in the user's language: per Credential
    /// Query, the credential, exactly the requested claims, what SD-JWT reveals anyway, and the plaintext claims every
    /// presentation shows. Queries the wallet cannot answer are listed with a typed reason.
    /// </summary>
    /// <param name="request">The verifier's request.</param>
    /// <param name="locale">The language; <see cref="CredentialWalletOptions.Locale"/> when omitted.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>The plan (satisfiable or not), <see cref="HolderErrors.InvalidPresentationRequest"/> for a blank audience or nonce, or a store error.</returns>
    public async ValueTask<VerificationResult<PresentationPlan>> PrepareAsync(PresentationRequest request, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The Key Binding JWT's aud and nonce come from the verifier (RFC 9901 section 4.3; OpenID4VP 1.0 section 5.2
        // makes nonce REQUIRED): a request without them is refused here, before any plan or consent, never later.
        if (string.IsNullOrWhiteSpace(request.EffectiveAudience) || string.IsNullOrWhiteSpace(request.Nonce))
        {
            return new VerificationError(HolderErrors.InvalidPresentationRequest, "The request has an empty or blank audience or nonce; nothing can be presented for it.");
        }

        locale ??= _options.Locale;
        var query = request.Query;
        var summaries = await _store.ListAsync(null, cancellationToken).ConfigureAwait(false);
        if (!summaries.IsValid)
        {
            return summaries.Error;
        }

        var now = _options.TimeProvider.GetUtcNow();
        var candidates = new List<DcqlCandidate>();
        var infos = new Dictionary<string, CandidateInfo>(StringComparer.Ordinal);
        var excluded = new List<(CredentialSummary Summary, ImmutableArray<string> Extended, UnansweredReason Reason)>();
        // Credentials of one type usually carry the same stored metadata: read each distinct document once.
        var readMetadata = new Dictionary<string, (Credentials.SdJwtVc.TypeMetadata.ResolvedTypeMetadata? Metadata, ImmutableArray<string> Extended)>(StringComparer.Ordinal);
        foreach (var summary in summaries.Value)
        {
            Credentials.SdJwtVc.TypeMetadata.ResolvedTypeMetadata? metadata = null;
            var extended = ImmutableArray<string>.Empty;
            if (summary.DisplayMetadataJson is { } json)
            {
                if (!readMetadata.TryGetValue(json, out var read))
                {
                    var parsed = StoredTypeMetadata.Read(json);
                    read = (parsed, parsed is null ? ImmutableArray<string>.Empty : [.. parsed.Chain.Skip(1).Select(d => d.Vct)]);
                    readMetadata[json] = read;
                }

                (metadata, extended) = read;
            }

            // On metadata alone: a credential that cannot answer any Credential Query is never decrypted.
            var w3c = IsW3cFormat(summary.Format);
            if (!query.Credentials.Any(q => IsCandidate(q, summary, extended)))
            {
                continue;
            }

            if (summary.IsExhausted)
            {
                excluded.Add((summary, extended, UnansweredReason.BatchExhausted));
                continue;
            }

            if (summary.ExpiresAt is { } exp && exp <= now)
            {
                excluded.Add((summary, extended, UnansweredReason.Expired));
                continue;
            }

            var stored = await _store.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            if (!stored.IsValid)
            {
                if (stored.Error.Code == WalletErrors.BatchExhausted || stored.Error.Code == WalletErrors.NotFound)
                {
                    // Used up or deleted since the list was read.
                    excluded.Add((summary, extended, UnansweredReason.BatchExhausted));
                    continue;
                }

                return stored.Error;
            }

            var mdoc = IsMdocFormat(summary.Format);
            var view = mdoc ? HolderView.BuildMdoc(stored.Value.Raw) : w3c ? HolderView.BuildW3c(stored.Value.Raw) : HolderView.Build(stored.Value.Raw, _holder, _options.Limits);
            if (!view.IsValid)
            {
                return view.Error;
            }

            infos[summary.Id] = new CandidateInfo(summary, view.Value, metadata, NameOf(summary, metadata, locale));
            candidates.Add(new DcqlCandidate
            {
                Id = summary.Id,
                Format = summary.Format,
                Vct = summary.Vct,
                ExtendedVcts = extended,
                W3cTypes = summary.ExpandedTypes,
                Doctype = summary.DocType,
                Claims = view.Value.Claims,
                SelectivelyDisclosable = [.. view.Value.Disclosable.Select(d => d.Path)],

                // A W3C credential is bound by its subject's DID, checked on import to be the stored holder key's.
                // An mdoc is bound by the MSO's device key, checked on import to be the stored holder key.
                SupportsCryptographicHolderBinding = (w3c || mdoc || view.Value.HasHolderBinding) && stored.Value.HolderKeyId is not null,
            });
        }

        var match = _matcher.Match(query, candidates);
        var planned = ImmutableArray.CreateBuilder<PlannedPresentation>(match.Selection.Length);
        foreach (var selected in match.Selection)
        {
            var others = match.GetCredential(selected.Query.Id).Matches
                .Select(m => m.Candidate.Id)
                .Where(id => !string.Equals(id, selected.Match.Candidate.Id, StringComparison.Ordinal))
                .ToImmutableArray();
            planned.Add(Plan(selected.Query, selected.Match, selected.Match.Selected, selected.IsOptional, infos[selected.Match.Candidate.Id], others, locale));
        }

        var unanswered = ImmutableArray.CreateBuilder<UnansweredQuery>();
        foreach (var credential in match.Credentials)
        {
            if (!credential.IsSatisfied)
            {
                unanswered.Add(Explain(credential, match, excluded));
            }
        }

        return new PresentationPlan(request, locale, match, planned.ToImmutable(), unanswered.ToImmutable());
    }

    private PlannedPresentation Plan(CredentialQuery query, DcqlCandidateMatch match, DcqlClaimSelection selection, bool optional, CandidateInfo info, ImmutableArray<string> others, string locale)
    {
        var view = info.View;
        var requested = ImmutableArray.CreateBuilder<PlannedClaim>(selection.Paths.Length);
        foreach (var path in selection.Paths)
        {
            requested.Add(new PlannedClaim(path, Label(info.Metadata, path, locale), ValueAt(view.Claims, path), IsDroppable(path, selection, match.Alternatives))
            {
                // OpenID4VP 1.0 Appendix B.2.4: intent_to_retain is shown to the user, not interpreted.
                IntentToRetain = view.IsMdoc ? IntentToRetain(query, path) : null,
            });
        }

        var disclosed = new HashSet<ClaimPath>(selection.Disclosures);
        var alternatives = ImmutableArray.CreateBuilder<PlannedAlternative>();
        foreach (var alternative in match.Alternatives)
        {
            if (alternative.ClaimSetIndex is { } index && alternative.ClaimSetIndex != selection.ClaimSetIndex)
            {
                alternatives.Add(new PlannedAlternative
                {
                    ClaimSetIndex = index,
                    Claims = [.. alternative.Paths.Select(p => new PlannedClaim(p, Label(info.Metadata, p, locale), ValueAt(view.Claims, p)))],
                    DisclosureCount = alternative.DisclosureCount,
                });
            }
        }

        var remaining = info.Summary.RemainingCopies;
        return new PlannedPresentation
        {
            QueryId = query.Id,
            IsOptional = optional,
            CredentialId = info.Summary.Id,
            Format = info.Summary.Format,
            Vct = info.Summary.Vct,
            Types = info.Summary.Types,
            DocType = info.Summary.DocType,
            CredentialName = info.Name,
            DisclosesWholeCredential = selection.DisclosesWholeCredential,
            RequestedClaims = requested.MoveToImmutable(),
            // An mdoc discloses each chosen data element on its own: nothing else comes with it.
            AlsoRevealedClaims = view.IsMdoc ? [] : [.. ClaimTree.AlsoRevealed(view.Claims, view.SelectivelyDisclosable, disclosed, selection.Paths).Select(c => new PlannedClaim(c.Path, Label(info.Metadata, c.Path, locale), c.Value))],
            AlwaysVisibleClaims = view.IsMdoc ? [] : [.. ClaimTree.AlwaysVisible(view.Claims, view.SelectivelyDisclosable).Select(c => new PlannedClaim(c.Path, Label(info.Metadata, c.Path, locale), c.Value))],
            Disclosures = selection.Disclosures,
            Alternatives = alternatives.ToImmutable(),
            OtherCandidateIds = others,
            Use = info.Summary.Use,
            RemainingCopies = remaining,
            WillBeRunningLow = IsRunningLow(remaining - 1),
            Query = query,
            Match = match,
            Selection = selection,
            Info = info,
        };
    }

    /// <summary>A requested claim is optional when another satisfiable <c>claim_sets</c> option asks only for a subset of the others.</summary>
    private static bool IsDroppable(ClaimPath path, DcqlClaimSelection selection, ImmutableArray<DcqlClaimSelection> alternatives)
        => FindWithout([path], selection, alternatives) is not null;

    private static DcqlClaimSelection? FindWithout(IReadOnlyCollection<ClaimPath> dropped, DcqlClaimSelection selection, ImmutableArray<DcqlClaimSelection> alternatives)
    {
        DcqlClaimSelection? best = null;
        foreach (var alternative in alternatives)
        {
            if (alternative.Paths.Any(dropped.Contains) || !alternative.Paths.All(selection.Paths.Contains))
            {
                continue;
            }

            if (best is null || alternative.DisclosureCount < best.DisclosureCount)
            {
                best = alternative;
            }
        }

        return best;
    }

    private static JsonElement ValueAt(JsonElement claims, ClaimPath path) => ClaimTree.TryGet(claims, path, out var value) ? value : default;

    private static UnansweredQuery Explain(CredentialQueryMatch credential, DcqlMatchResult match, List<(CredentialSummary Summary, ImmutableArray<string> Extended, UnansweredReason Reason)> excluded)
    {
        var blocking = match.CredentialSets is not { } sets
            || sets.Any(s => s.Required && !s.IsSatisfied && s.Query.Options.Any(o => o.Contains(credential.Id)));
        var typed = credential.Mismatches.Where(m => m.Reason is not (DcqlMismatchReason.FormatMismatch or DcqlMismatchReason.TypeMismatch)).ToList();
        if (typed.Count == 0)
        {
            var reason = !DcqlFormats.IsMatchable(credential.Query.Format) ? UnansweredReason.UnsupportedFormat : UnansweredReason.NoCredentialOfType;
            var ids = ImmutableArray<string>.Empty;
            foreach (var (summary, extended, why) in excluded)
            {
                if (IsCandidate(credential.Query, summary, extended))
                {
                    reason = why;
                    ids = ids.Add(summary.Id);
                }
            }

            return new UnansweredQuery { QueryId = credential.Id, IsBlocking = blocking, Reason = reason, ClosestCredentialIds = ids };
        }

        // The age case first: a missing age statement while related facts are held is "cannot answer without disclosing more".
        foreach (var mismatch in typed)
        {
            var missing = mismatch.ClaimFailures.Where(f => f.Reason == DcqlClaimFailureReason.Missing).Select(f => f.Claim.Path).ToImmutableArray();
            var held = ImmutableArray.CreateBuilder<ClaimPath>();
            foreach (var path in missing)
            {
                if (IsAgeStatement(path))
                {
                    held.AddRange(AgeSources(mismatch.Candidate.Claims, path).Where(p => !held.Contains(p)));
                }
            }

            if (held.Count > 0)
            {
                return new UnansweredQuery
                {
                    QueryId = credential.Id,
                    IsBlocking = blocking,
                    Reason = UnansweredReason.CannotAnswerWithoutDisclosingMore,
                    MissingClaims = missing,
                    HeldInstead = held.ToImmutable(),
                    ClosestCredentialIds = [mismatch.Candidate.Id],
                };
            }
        }

        var closest = typed.OrderBy(m => Rank(m.Reason)).ThenBy(m => m.ClaimFailures.Length).First();
        return new UnansweredQuery
        {
            QueryId = credential.Id,
            IsBlocking = blocking,
            Reason = closest.Reason switch
            {
                DcqlMismatchReason.ValueMismatch => UnansweredReason.ValueMismatch,
                DcqlMismatchReason.UntrustedAuthority => UnansweredReason.UntrustedAuthority,
                DcqlMismatchReason.HolderBindingUnsupported => UnansweredReason.HolderBindingUnsupported,
                DcqlMismatchReason.UnsupportedFormat => UnansweredReason.UnsupportedFormat,
                DcqlMismatchReason.NoClaimSetSatisfied when closest.ClaimFailures.All(f => f.Reason == DcqlClaimFailureReason.ValueMismatch) => UnansweredReason.ValueMismatch,
                _ => UnansweredReason.ClaimMissing,
            },
            MissingClaims = [.. closest.ClaimFailures.Select(f => f.Claim.Path)],
            ClosestCredentialIds = [closest.Candidate.Id],
        };
    }

    private static bool IsW3cFormat(string format) => format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc;

    /// <summary>On the store's metadata alone: SD-JWT VC by <c>vct</c>, mdoc by doctype, W3C by the fully expanded types.</summary>
    private static bool IsCandidate(CredentialQuery query, CredentialSummary summary, ImmutableArray<string> extended)
        => IsMdocFormat(summary.Format) ? IsMdocCandidate(query, summary)
            : IsW3cFormat(summary.Format)
            ? DcqlMatcher.IsW3cCandidateType(query, summary.Format, summary.ExpandedTypes)
            : string.Equals(summary.Format, DcqlFormats.SdJwtVc, StringComparison.Ordinal) && DcqlMatcher.IsCandidateType(query, summary.Format, summary.Vct, extended);

    private static int Rank(DcqlMismatchReason reason) => reason switch
    {
        DcqlMismatchReason.ClaimMissing or DcqlMismatchReason.NoClaimSetSatisfied => 0,
        DcqlMismatchReason.ValueMismatch => 1,
        DcqlMismatchReason.HolderBindingUnsupported => 2,
        DcqlMismatchReason.UntrustedAuthority => 3,
        _ => 4,
    };

    /// <summary><c>age_over_NN</c> (ISO 18013-5 style) or <c>["age_equal_or_over","NN"]</c> (EU PID SD-JWT style).</summary>
    private static bool IsAgeStatement(ClaimPath path)
    {
        if (path.Length == 0 || path.Components[^1].Name is not { } last)
        {
            return false;
        }

        if (AgeOver().IsMatch(last))
        {
            return true;
        }

        return path.Length >= 2 && path.Components[^2].Name == "age_equal_or_over" && Digits().IsMatch(last);
    }

    /// <summary>Related age facts held: birth date, age, birth year (top level or beside the missing claim) and other thresholds.</summary>
    private static IEnumerable<ClaimPath> AgeSources(JsonElement claims, ClaimPath missing)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in s_ageSources)
        {
            if (claims.TryGetProperty(name, out _))
            {
                yield return ClaimPath.Of(name);
            }
        }

        // Other thresholds beside the missing one (a holder with only 18 and 21 cannot answer 20: under Japanese age rules each threshold is its own attested statement, never derived from another).
        var parentComponents = missing.Components.RemoveAt(missing.Length - 1);
        var parent = parentComponents.IsEmpty ? null : ClaimPath.Create([.. parentComponents.Select(c => c.Name ?? (c.IsAllElements ? null : (object)c.ArrayIndex))]);
        var container = claims;
        if (parent is not null && !ClaimTree.TryGet(claims, parent, out container))
        {
            yield break;
        }

        if (container.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var member in container.EnumerateObject())
        {
            var path = parent is null ? ClaimPath.Of(member.Name) : parent.Append(member.Name);
            if (!path.Equals(missing) && IsAgeStatement(path))
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex("^age_over_[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgeOver();

    [GeneratedRegex("^[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
