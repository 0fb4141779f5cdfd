using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.Dcql.Matching;

/// <summary>
/// Matches a <see cref="DcqlQuery"/> against the credentials a wallet holds (OpenID4VP 1.0 sections 6.4 and 7),
/// independent of storage. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// The matcher reads only each <see cref="DcqlCandidate"/>; it never parses, decrypts, derives or substitutes claims
/// (a query for <c>age_over_20</c> is not answered from a birth date). Checks per candidate, in order: format, type
/// (<c>vct_values</c>, <c>doctype_value</c> or <c>type_values</c>), <c>trusted_authorities</c>,
/// <c>require_cryptographic_holder_binding</c>, claims. Candidates of other formats, and every candidate for a format
/// other than <c>dc+sd-jwt</c>, <c>mso_mdoc</c>, <c>jwt_vc_json</c> and <c>ldp_vc</c>, do not match. The W3C formats
/// have no selective disclosure: their matches disclose the whole credential
/// (<see cref="DcqlClaimSelection.DisclosesWholeCredential"/>).
/// </remarks>
public sealed class DcqlMatcher
{
    private readonly DcqlMatcherOptions _options;

    /// <summary>Creates a matcher.</summary>
    /// <param name="options">Options; <see cref="DcqlMatcherOptions.Default"/> when omitted.</param>
    public DcqlMatcher(DcqlMatcherOptions? options = null) => _options = options ?? DcqlMatcherOptions.Default;

    /// <summary>A matcher with the default options.</summary>
    public static DcqlMatcher Default { get; } = new();

    /// <summary>
    /// Whether a credential of this format and type could answer the Credential Query, judged on metadata alone, so a
    /// wallet can skip decrypting credentials that cannot match.
    /// </summary>
    /// <param name="query">The Credential Query.</param>
    /// <param name="format">The credential's format.</param>
    /// <param name="type">The credential's <c>vct</c> (SD-JWT VC) or doctype (mdoc).</param>
    /// <param name="extendedVcts">The types the <c>vct</c> extends, if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="format"/> is null.</exception>
    public static bool IsCandidateType(CredentialQuery query, string format, string? type, ImmutableArray<string> extendedVcts = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(format);
        return string.Equals(query.Format, format, StringComparison.Ordinal) && TypeMatches(query, type, extendedVcts);
    }

    /// <summary>
    /// Whether a W3C credential (<c>jwt_vc_json</c>, <c>ldp_vc</c>) with these fully expanded types could answer the
    /// Credential Query, judged on metadata alone (OpenID4VP 1.0 Appendix B.1.1, <c>type_values</c>).
    /// </summary>
    /// <param name="query">The Credential Query.</param>
    /// <param name="format">The credential's format.</param>
    /// <param name="expandedTypes">The credential's fully expanded types (<see cref="DcqlW3cTypes.ExpandAsync"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="format"/> is null.</exception>
    public static bool IsW3cCandidateType(CredentialQuery query, string format, ImmutableArray<string> expandedTypes)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(format);
        return string.Equals(query.Format, format, StringComparison.Ordinal) && W3cTypesMatch(query, expandedTypes);
    }

    /// <summary>Whether a credential of this format and type could answer any Credential Query of the query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="format">The credential's format.</param>
    /// <param name="type">The credential's <c>vct</c> (SD-JWT VC) or doctype (mdoc).</param>
    /// <param name="extendedVcts">The types the <c>vct</c> extends, if known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="format"/> is null.</exception>
    public static bool IsCandidateType(DcqlQuery query, string format, string? type, ImmutableArray<string> extendedVcts = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var credential in query.Credentials)
        {
            if (IsCandidateType(credential, format, type, extendedVcts))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Matches the query against the candidates.</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="candidates">The wallet's candidates (pre-filtered or not).</param>
    /// <returns>The matches, mismatches with reasons, credential set evaluation and a suggested answer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DcqlMatchResult Match(DcqlQuery query, IEnumerable<DcqlCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        var list = candidates as IReadOnlyList<DcqlCandidate> ?? [.. candidates];

        var credentialMatches = ImmutableArray.CreateBuilder<CredentialQueryMatch>(query.Credentials.Length);
        var byId = new Dictionary<string, CredentialQueryMatch>(StringComparer.Ordinal);
        foreach (var credentialQuery in query.Credentials)
        {
            var match = MatchCredentialQuery(credentialQuery, list);
            credentialMatches.Add(match);
            byId[credentialQuery.Id] = match;
        }

        var credentials = credentialMatches.MoveToImmutable();
        if (query.CredentialSets is not { } sets)
        {
            var all = credentials.All(c => c.IsSatisfied);
            return new DcqlMatchResult
            {
                Query = query,
                Credentials = credentials,
                IsSatisfied = all,
                Selection = all ? [.. credentials.Select(c => new DcqlSelectedCredential { Query = c.Query, Match = c.Matches[0] })] : [],
            };
        }

        var setMatches = ImmutableArray.CreateBuilder<CredentialSetMatch>(sets.Length);
        for (var i = 0; i < sets.Length; i++)
        {
            setMatches.Add(MatchCredentialSet(sets[i], i, byId));
        }

        var setResults = setMatches.MoveToImmutable();
        var satisfied = setResults.All(s => !s.Required || s.IsSatisfied);
        var selection = ImmutableArray<DcqlSelectedCredential>.Empty;
        if (satisfied)
        {
            var chosen = new List<DcqlSelectedCredential>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var required in new[] { true, false })
            {
                foreach (var set in setResults.Where(s => s.Required == required && s.Preferred is not null))
                {
                    foreach (var id in set.Preferred!.CredentialQueryIds)
                    {
                        if (seen.Add(id))
                        {
                            var match = byId[id];
                            chosen.Add(new DcqlSelectedCredential { Query = match.Query, Match = match.Matches[0], IsOptional = !required });
                        }
                    }
                }
            }

            selection = [.. chosen];
        }

        return new DcqlMatchResult
        {
            Query = query,
            Credentials = credentials,
            CredentialSets = setResults,
            IsSatisfied = satisfied,
            Selection = selection,
        };
    }

    private CredentialSetMatch MatchCredentialSet(CredentialSetQuery set, int index, Dictionary<string, CredentialQueryMatch> byId)
    {
        var options = ImmutableArray.CreateBuilder<CredentialSetOptionMatch>(set.Options.Length);
        CredentialSetOptionMatch? preferred = null;
        for (var i = 0; i < set.Options.Length; i++)
        {
            var ids = set.Options[i];
            var unsatisfied = ids.Where(id => !byId[id].IsSatisfied).Distinct(StringComparer.Ordinal).ToImmutableArray();
            var cost = unsatisfied.IsEmpty ? ids.Distinct(StringComparer.Ordinal).Sum(id => byId[id].Matches[0].DisclosureCount) : 0;
            var option = new CredentialSetOptionMatch { Index = i, CredentialQueryIds = ids, UnsatisfiedQueryIds = unsatisfied, DisclosureCount = cost };
            options.Add(option);
            if (option.IsSatisfiable && (preferred is null
                || (_options.CredentialSetPreference == DcqlPreference.FewestDisclosures && option.DisclosureCount < preferred.DisclosureCount)))
            {
                preferred = option;
            }
        }

        return new CredentialSetMatch { Query = set, Index = index, Options = options.MoveToImmutable(), Preferred = preferred };
    }

    private CredentialQueryMatch MatchCredentialQuery(CredentialQuery query, IReadOnlyList<DcqlCandidate> candidates)
    {
        var matches = new List<DcqlCandidateMatch>();
        var mismatches = ImmutableArray.CreateBuilder<DcqlCandidateMismatch>();
        foreach (var candidate in candidates)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(candidates));
            var (match, mismatch) = MatchCandidate(query, candidate);
            if (match is not null)
            {
                matches.Add(match);
            }
            else
            {
                mismatches.Add(mismatch!);
            }
        }

        return new CredentialQueryMatch
        {
            Query = query,

            // OrderBy is a stable sort: equal costs keep the wallet's order.
            Matches = [.. matches.OrderBy(m => m.DisclosureCount)],
            Mismatches = mismatches.ToImmutable(),
        };
    }

    private (DcqlCandidateMatch? Match, DcqlCandidateMismatch? Mismatch) MatchCandidate(CredentialQuery query, DcqlCandidate candidate)
    {
        if (!string.Equals(query.Format, candidate.Format, StringComparison.Ordinal))
        {
            return Fail(candidate, DcqlMismatchReason.FormatMismatch);
        }

        if (!DcqlFormats.IsMatchable(query.Format))
        {
            return Fail(candidate, DcqlMismatchReason.UnsupportedFormat);
        }

        var w3c = query.Format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc;
        if (w3c ? !W3cTypesMatch(query, candidate.W3cTypes) : !TypeMatches(query, query.Format == DcqlFormats.MsoMdoc ? candidate.Doctype : candidate.Vct, candidate.ExtendedVcts))
        {
            return Fail(candidate, DcqlMismatchReason.TypeMismatch);
        }

        if (_options.EnforceTrustedAuthorities && query.TrustedAuthorities is { } authorities && !IsTrusted(authorities, candidate))
        {
            return Fail(candidate, DcqlMismatchReason.UntrustedAuthority);
        }

        if (query.RequireCryptographicHolderBinding && !candidate.SupportsCryptographicHolderBinding)
        {
            return Fail(candidate, DcqlMismatchReason.HolderBindingUnsupported);
        }

        var alternatives = SelectClaims(query, candidate, out var failures, out var reason);
        if (alternatives.IsEmpty)
        {
            return (null, new DcqlCandidateMismatch { Candidate = candidate, Reason = reason, ClaimFailures = failures });
        }

        var selected = alternatives[0];
        if (_options.ClaimSetPreference == DcqlPreference.FewestDisclosures)
        {
            foreach (var alternative in alternatives)
            {
                if (alternative.DisclosureCount < selected.DisclosureCount)
                {
                    selected = alternative;
                }
            }
        }

        return (new DcqlCandidateMatch
        {
            Candidate = candidate,
            Selected = selected,
            Alternatives = alternatives,
            RequireCryptographicHolderBinding = query.RequireCryptographicHolderBinding,
        }, null);
    }

    private static (DcqlCandidateMatch?, DcqlCandidateMismatch?) Fail(DcqlCandidate candidate, DcqlMismatchReason reason)
        => (null, new DcqlCandidateMismatch { Candidate = candidate, Reason = reason });

    private static bool TypeMatches(CredentialQuery query, string? type, ImmutableArray<string> extendedVcts)
    {
        switch (query.Format)
        {
            case DcqlFormats.SdJwtVc:
                if (query.Meta.VctValues is not { } vcts || type is null)
                {
                    return false;
                }

                if (vcts.Contains(type, StringComparer.Ordinal))
                {
                    return true;
                }

                // Appendix B.3.5: the Wallet MAY return credentials that inherit from a requested type.
                return !extendedVcts.IsDefault && extendedVcts.Any(v => vcts.Contains(v, StringComparer.Ordinal));
            case DcqlFormats.MsoMdoc:
                return type is not null && string.Equals(query.Meta.DoctypeValue, type, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    /// <summary>
    /// Appendix B.1.1: each inner array of <c>type_values</c> is one alternative; every type it names must be among the
    /// credential's fully expanded types, in any order, other types allowed.
    /// </summary>
    private static bool W3cTypesMatch(CredentialQuery query, ImmutableArray<string> expandedTypes)
    {
        if (query.Meta.TypeValues is not { } alternatives || expandedTypes.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var alternative in alternatives)
        {
            var all = true;
            foreach (var type in alternative)
            {
                if (!expandedTypes.Contains(type, StringComparer.Ordinal))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTrusted(ImmutableArray<TrustedAuthorityQuery> authorities, DcqlCandidate candidate)
    {
        if (candidate.TrustedAuthorities.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var authority in authorities)
        {
            foreach (var fact in candidate.TrustedAuthorities)
            {
                if (string.Equals(fact.Type, authority.Type, StringComparison.Ordinal) && authority.Values.Contains(fact.Value, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Section 6.4.1: the satisfiable claim selections in the Verifier's order, or none with the failures.</summary>
    private static ImmutableArray<DcqlClaimSelection> SelectClaims(CredentialQuery query, DcqlCandidate candidate, out ImmutableArray<DcqlClaimFailure> failures, out DcqlMismatchReason reason)
    {
        failures = [];
        reason = DcqlMismatchReason.ClaimMissing;
        if (query.Claims is not { } claims)
        {
            // Claims absent: only the mandatory claims are presented (for the W3C formats, that is all of them).
            return [query.Format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc ? WholeCredential(new DcqlClaimSelection(), candidate) : new DcqlClaimSelection()];
        }

        var results = new ClaimResult[claims.Length];
        for (var i = 0; i < claims.Length; i++)
        {
            results[i] = EvaluateClaim(claims[i], candidate);
        }

        var mdoc = query.Format == DcqlFormats.MsoMdoc;
        var whole = query.Format is DcqlFormats.JwtVcJson or DcqlFormats.LdpVc;
        if (query.ClaimSets is not { } claimSets)
        {
            if (results.All(r => r.Failure is null))
            {
                return [Build(null, claims, Enumerable.Range(0, claims.Length), results, candidate, mdoc, whole)];
            }

            failures = CollectFailures(claims, results, _ => true);
            reason = failures.Any(f => f.Reason == DcqlClaimFailureReason.Missing) ? DcqlMismatchReason.ClaimMissing : DcqlMismatchReason.ValueMismatch;
            return [];
        }

        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < claims.Length; i++)
        {
            indexById[claims[i].Id!] = i;
        }

        var alternatives = ImmutableArray.CreateBuilder<DcqlClaimSelection>();
        var referenced = new HashSet<int>();
        for (var option = 0; option < claimSets.Length; option++)
        {
            var indices = claimSets[option].Select(id => indexById[id]).ToArray();
            referenced.UnionWith(indices);
            if (indices.All(i => results[i].Failure is null))
            {
                alternatives.Add(Build(option, claims, indices, results, candidate, mdoc, whole));
            }
        }

        if (alternatives.Count == 0)
        {
            // Section 6.4.1: if no option can be satisfied, the Wallet MUST NOT return any claims.
            failures = CollectFailures(claims, results, referenced.Contains);
            reason = DcqlMismatchReason.NoClaimSetSatisfied;
        }

        return alternatives.ToImmutable();
    }

    private static ImmutableArray<DcqlClaimFailure> CollectFailures(ImmutableArray<ClaimsQuery> claims, ClaimResult[] results, Func<int, bool> include)
    {
        var builder = ImmutableArray.CreateBuilder<DcqlClaimFailure>();
        for (var i = 0; i < claims.Length; i++)
        {
            if (include(i) && results[i].Failure is { } failure)
            {
                builder.Add(new DcqlClaimFailure(claims[i], failure));
            }
        }

        return builder.ToImmutable();
    }

    private static DcqlClaimSelection Build(int? option, ImmutableArray<ClaimsQuery> claims, IEnumerable<int> indices, ClaimResult[] results, DcqlCandidate candidate, bool mdoc, bool whole)
    {
        var ids = ImmutableArray.CreateBuilder<string>();
        var paths = new List<ClaimPath>();
        HashSet<ClaimPath>? seen = null;
        var done = new bool[claims.Length];
        foreach (var i in indices)
        {
            if (done[i])
            {
                continue;
            }

            done[i] = true;
            if (claims[i].Id is { } id)
            {
                ids.Add(id);
            }

            foreach (var path in results[i].Paths)
            {
                // A query names a handful of claims: a linear check beats hashing, until wildcards select many.
                if (seen is null && paths.Count >= 16)
                {
                    seen = [.. paths];
                }

                if (seen is null ? !paths.Contains(path) : seen.Add(path))
                {
                    paths.Add(path);
                }
            }
        }

        var selection = new DcqlClaimSelection
        {
            ClaimSetIndex = option,
            ClaimIds = ids.ToImmutable(),
            Paths = [.. paths],
            Disclosures = mdoc ? [.. paths] : DisclosuresFor(paths, candidate.SelectivelyDisclosable),
        };
        return whole ? WholeCredential(selection, candidate) : selection;
    }

    /// <summary>A W3C credential has no selective disclosure: presenting any claim presents every member.</summary>
    private static DcqlClaimSelection WholeCredential(DcqlClaimSelection selection, DcqlCandidate candidate)
    {
        var members = ImmutableArray.CreateBuilder<ClaimPath>();
        if (candidate.Claims.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in candidate.Claims.EnumerateObject())
            {
                members.Add(ClaimPath.Of(member.Name));
            }
        }

        return selection with { Disclosures = members.ToImmutable(), DisclosesWholeCredential = true };
    }

    /// <summary>The selectively disclosable claims on the way to each path (ancestors and itself) and beneath it.</summary>
    private static ImmutableArray<ClaimPath> DisclosuresFor(List<ClaimPath> paths, ImmutableArray<ClaimPath> disclosable)
    {
        if (disclosable.IsDefaultOrEmpty || paths.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ClaimPath>();
        foreach (var sd in disclosable)
        {
            foreach (var path in paths)
            {
                if (path.StartsWith(sd) || sd.StartsWith(path))
                {
                    builder.Add(sd);
                    break;
                }
            }
        }

        return builder.ToImmutable();
    }

    private static ClaimResult EvaluateClaim(ClaimsQuery claim, DcqlCandidate candidate)
    {
        // Section 7.1.1: the credential is a JSON object, a mistyped component is an error, and so is an empty selection.
        if (candidate.Claims.ValueKind != JsonValueKind.Object || !claim.Path.TrySelect(candidate.Claims, out var selected) || selected.Count == 0)
        {
            return new ClaimResult([], DcqlClaimFailureReason.Missing);
        }

        if (claim.Values is not { } values)
        {
            var paths = ImmutableArray.CreateBuilder<ClaimPath>(selected.Count);
            foreach (var s in selected)
            {
                paths.Add(s.Path);
            }

            return new ClaimResult(paths.MoveToImmutable(), null);
        }

        // Section 6.4.1: a claim whose value does not match is treated as if it did not exist; with a wildcard path,
        // only the elements whose value matches are presented.
        var matching = selected.Where(s => values.Any(v => v.Matches(s.Value))).Select(s => s.Path).ToImmutableArray();
        return matching.IsEmpty ? new ClaimResult([], DcqlClaimFailureReason.ValueMismatch) : new ClaimResult(matching, null);
    }

    private readonly record struct ClaimResult(ImmutableArray<ClaimPath> Paths, DcqlClaimFailureReason? Failure);
}
