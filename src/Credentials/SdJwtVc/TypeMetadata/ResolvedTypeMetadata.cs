using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// The Type Metadata of a credential type after its whole <c>extends</c> chain was retrieved, checked and merged
/// (draft-ietf-oauth-sd-jwt-vc sections 5.4, 5.5.2 and 5.6.5): what a holder displays and what a verifier validates against.
/// </summary>
/// <remarks>
/// <para>Display: the nearest document in the chain (child first) that has a <c>display</c> member supplies all of it.</para>
/// <para>Claims: inherited from the extended types; an entry with the same <c>path</c> in an extending type combines with
/// the inherited one, the extending type's properties taking precedence and never merged (a child's <c>display</c>
/// replaces the inherited labels). An extending type may tighten <c>sd: allowed</c> to <c>always</c>/<c>never</c> and
/// <c>mandatory</c> to <see langword="true"/>, but not loosen them (<see cref="TypeMetadataErrors.InvalidExtension"/>).</para>
/// <para>Trust: metadata is asserted by its publisher; extending a well-known type gives an issuer no authority to issue
/// it (section 7.7). Issuer authorization is checked separately.</para>
/// </remarks>
public sealed record ResolvedTypeMetadata
{
    private ResolvedTypeMetadata(ImmutableArray<TypeMetadataDocument> chain, ImmutableArray<TypeDisplay> display, ImmutableArray<ClaimMetadata> claims, string? integrity)
    {
        Chain = chain;
        Display = display;
        Claims = claims;
        Integrity = integrity;
    }

    /// <summary>The credential type (the first document's <c>vct</c>).</summary>
    public string Vct => Chain[0].Vct;

    /// <summary>The documents, the credential's type first, then the type it extends, and so on.</summary>
    public ImmutableArray<TypeMetadataDocument> Chain { get; }

    /// <summary>The effective display information per locale.</summary>
    public ImmutableArray<TypeDisplay> Display { get; }

    /// <summary>The effective claim metadata after applying the extensions.</summary>
    public ImmutableArray<ClaimMetadata> Claims { get; }

    /// <summary>The <c>vct#integrity</c> the first document was checked against, or <see langword="null"/> when none was given.</summary>
    public string? Integrity { get; }

    /// <summary>
    /// Merges a chain of documents that are already retrieved and checked (the credential's type first).
    /// </summary>
    /// <param name="chain">The documents; each one's <c>extends</c> must be the next one's <c>vct</c>, and the last one must not extend anything.</param>
    /// <param name="integrity">The integrity the first document was checked against, if any.</param>
    /// <returns>The merged metadata, or <see cref="TypeMetadataErrors.InvalidExtension"/>.</returns>
    /// <exception cref="ArgumentException">The chain is empty or not linked by <c>extends</c>.</exception>
    public static VerificationResult<ResolvedTypeMetadata> Create(IReadOnlyList<TypeMetadataDocument> chain, string? integrity = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            throw new ArgumentException("The chain must contain at least one document.", nameof(chain));
        }

        for (var i = 0; i < chain.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(chain[i], nameof(chain));
            var expected = i + 1 < chain.Count ? chain[i + 1].Vct : null;
            if (!string.Equals(chain[i].Extends, expected, StringComparison.Ordinal))
            {
                throw new ArgumentException("Each document's extends must be the next document's vct, and the last must not extend anything.", nameof(chain));
            }
        }

        // Process the extended types first (section 5.4).
        var claims = new List<ClaimMetadata>();
        var display = ImmutableArray<TypeDisplay>.Empty;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var document = chain[i];
            if (document.HasDisplay)
            {
                display = document.Display;
            }

            var inherited = new Dictionary<ClaimPath, int>();
            for (var k = 0; k < claims.Count; k++)
            {
                inherited.TryAdd(claims[k].Path, k);
            }

            var parentClaims = claims.ToArray();
            foreach (var claim in document.Claims)
            {
                if (!inherited.TryGetValue(claim.Path, out var index))
                {
                    claims.Add(claim);
                    continue;
                }

                var parent = parentClaims[index];
                if (parent.Sd != ClaimSelectiveDisclosure.Allowed && claim.HasSd && claim.Sd != parent.Sd)
                {
                    return new VerificationError(TypeMetadataErrors.InvalidExtension, "An extending type changes an inherited sd of always or never.") { Path = claim.Path };
                }

                if (parent.Mandatory && claim.HasMandatory && !claim.Mandatory)
                {
                    return new VerificationError(TypeMetadataErrors.InvalidExtension, "An extending type makes an inherited mandatory claim optional.") { Path = claim.Path };
                }

                // Properties combine, the child's taking precedence; contents are never merged (section 5.6.5).
                var merged = parent;
                if (claim.HasDisplay)
                {
                    merged = merged with { Display = claim.Display };
                }

                if (claim.HasMandatory)
                {
                    merged = merged with { Mandatory = claim.Mandatory };
                }

                if (claim.HasSd)
                {
                    merged = merged with { Sd = claim.Sd };
                }

                if (claim.SvgId is not null)
                {
                    merged = merged with { SvgId = claim.SvgId };
                }

                claims[index] = merged;
            }
        }

        return new ResolvedTypeMetadata([.. chain], display, [.. claims], integrity);
    }

    /// <summary>The display entry best matching a language tag (see <see cref="GetClaimLabel(ClaimPath, string)"/> for the fallback order).</summary>
    /// <param name="locale">The user's language tag, for example <c>ja-JP</c>.</param>
    public TypeDisplay? GetDisplay(string locale) => LocaleMatcher.Select(Display, static d => d.Locale, locale);

    /// <summary>The display entry best matching a culture.</summary>
    /// <param name="culture">The user's culture, for example <c>CultureInfo.GetCultureInfo("ja-JP")</c>.</param>
    public TypeDisplay? GetDisplay(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return GetDisplay(culture.Name);
    }

    /// <summary>The end-user name of the type in the best matching locale, or <see langword="null"/> when there is no display metadata.</summary>
    /// <param name="locale">The user's language tag, for example <c>ja-JP</c>.</param>
    public string? GetName(string locale) => GetDisplay(locale)?.Name;

    /// <summary>The end-user name of the type in the best matching culture, or <see langword="null"/> when there is no display metadata.</summary>
    /// <param name="culture">The user's culture.</param>
    public string? GetName(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return GetName(culture.Name);
    }

    /// <summary>
    /// The claim metadata that applies to a concrete claim path: the entry whose <c>path</c> selects it, preferring
    /// the most specific one (fewest <see langword="null"/> wildcards) when several do.
    /// </summary>
    /// <param name="concretePath">A path without wildcards, for example <c>["degrees",0,"field_of_study"]</c>. Array indices count the elements present in the processed payload.</param>
    /// <returns>The metadata, or <see langword="null"/>.</returns>
    public ClaimMetadata? FindClaim(ClaimPath concretePath)
    {
        ArgumentNullException.ThrowIfNull(concretePath);
        ClaimMetadata? best = null;
        var bestScore = -1;
        foreach (var claim in Claims)
        {
            if (!claim.Path.Matches(concretePath))
            {
                continue;
            }

            var score = 0;
            foreach (var component in claim.Path.Components)
            {
                if (!component.IsAllElements)
                {
                    score++;
                }
            }

            if (score > bestScore)
            {
                best = claim;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The claim's display entry best matching a language tag, or <see langword="null"/> when the claim has none.</summary>
    /// <param name="concretePath">The claim's path.</param>
    /// <param name="locale">The user's language tag.</param>
    public ClaimDisplay? GetClaimDisplay(ClaimPath concretePath, string locale)
        => FindClaim(concretePath) is { } claim ? LocaleMatcher.Select(claim.Display, static d => d.Locale, locale) : null;

    /// <summary>
    /// The claim's label in the user's language: the exact tag (<c>ja-JP</c>), then shorter tags (<c>ja</c>), then any tag
    /// of the same language, then <c>en-US</c>/<c>en</c>, then the first label. <see langword="null"/> when the claim has no labels.
    /// </summary>
    /// <param name="concretePath">The claim's path.</param>
    /// <param name="locale">The user's language tag, for example <c>ja-JP</c>.</param>
    public string? GetClaimLabel(ClaimPath concretePath, string locale) => GetClaimDisplay(concretePath, locale)?.Label;

    /// <summary>The claim's label in the user's culture (see <see cref="GetClaimLabel(ClaimPath, string)"/>).</summary>
    /// <param name="concretePath">The claim's path.</param>
    /// <param name="culture">The user's culture.</param>
    public string? GetClaimLabel(ClaimPath concretePath, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return GetClaimLabel(concretePath, culture.Name);
    }
}
