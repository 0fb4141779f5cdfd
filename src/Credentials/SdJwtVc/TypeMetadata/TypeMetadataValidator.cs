using System;
using System.Collections.Generic;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Validates a processed SD-JWT VC payload against the claim metadata of its resolved Type Metadata
/// (draft-ietf-oauth-sd-jwt-vc sections 5.6 and 5.7). If validation fails, the credential MUST be rejected.
/// </summary>
/// <remarks>
/// <para>Checks, in the order of <see cref="ResolvedTypeMetadata.Claims"/>:</para>
/// <list type="bullet">
/// <item><description>Each <c>path</c> is processed against the payload; a string meeting a non-object, or an index or
/// <c>null</c> meeting a non-array, fails with <see cref="TypeMetadataErrors.PathError"/>.</description></item>
/// <item><description><c>sd: always</c>: every selected claim must itself have been disclosed (be in
/// <c>disclosedPaths</c>); a plaintext one fails with <see cref="TypeMetadataErrors.SdViolation"/>. A claim is not
/// selectively disclosable merely because an ancestor is.</description></item>
/// <item><description><c>sd: never</c>: no selected claim may be in <c>disclosedPaths</c>
/// (<see cref="TypeMetadataErrors.SdViolation"/>).</description></item>
/// <item><description><c>mandatory: true</c>: fails with <see cref="TypeMetadataErrors.MandatoryClaimMissing"/> only
/// when absence is provable. A verifier must not treat an undisclosed claim as missing (section 5.6), so without
/// <c>issuedClaimPaths</c> a claim counts as provably missing only when its parent is present and its metadata says
/// <c>sd: never</c> (it could not have been left undisclosed). A holder, who has every disclosure, passes
/// <c>issuedClaimPaths</c> (see <see cref="CollectPaths"/>) and gets the complete check.</description></item>
/// </list>
/// <para>Claims a presentation did not disclose are absent from the payload and cannot be checked. Integer path
/// components count the elements present in the processed payload (undisclosed array elements are not counted); for
/// the usual <c>null</c> wildcards this makes no difference.</para>
/// </remarks>
public static class TypeMetadataValidator
{
    /// <summary>Validates the payload; returns <see langword="null"/> when it satisfies the claim metadata.</summary>
    /// <param name="metadata">The resolved metadata (extends already applied).</param>
    /// <param name="processedClaims">The processed payload (for a verifier, <see cref="VerifiedSdJwt.Claims"/>).</param>
    /// <param name="disclosedPaths">The paths of the claims that were selectively disclosed (<see cref="VerifiedSdJwt.DisclosedPaths"/>).</param>
    /// <param name="issuedClaimPaths">
    /// Every claim path of the issued credential, when the caller knows them (a holder with all disclosures, or an issuer);
    /// <see langword="null"/> for a verifier.
    /// </param>
    /// <returns>The first violation, or <see langword="null"/>.</returns>
    public static VerificationError? Validate(ResolvedTypeMetadata metadata, JsonElement processedClaims, IReadOnlyList<ClaimPath> disclosedPaths, IReadOnlyList<ClaimPath>? issuedClaimPaths = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(disclosedPaths);
        if (processedClaims.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The processed claims must be a JSON object.", nameof(processedClaims));
        }

        var disclosed = new HashSet<ClaimPath>(disclosedPaths);
        foreach (var claim in metadata.Claims)
        {
            if (!claim.Path.TrySelect(processedClaims, out var selection))
            {
                return new VerificationError(TypeMetadataErrors.PathError, "A claim metadata path does not fit the structure of the credential.") { Path = claim.Path };
            }

            foreach (var (path, _) in selection)
            {
                if (claim.Sd == ClaimSelectiveDisclosure.Always && !disclosed.Contains(path))
                {
                    return new VerificationError(TypeMetadataErrors.SdViolation, "A claim that must always be selectively disclosable is plaintext.") { Path = path };
                }

                if (claim.Sd == ClaimSelectiveDisclosure.Never && disclosed.Contains(path))
                {
                    return new VerificationError(TypeMetadataErrors.SdViolation, "A claim that must never be selectively disclosable was disclosed.") { Path = path };
                }
            }

            if (claim.Mandatory && IsProvablyMissing(claim, selection.Count, processedClaims, issuedClaimPaths))
            {
                return new VerificationError(TypeMetadataErrors.MandatoryClaimMissing, "A mandatory claim is missing from the credential.") { Path = claim.Path };
            }
        }

        return null;
    }

    /// <summary>
    /// Validates a complete payload (every disclosure applied), as a holder or an issuer can: mandatory claims are then
    /// checked against everything the credential contains.
    /// </summary>
    /// <param name="metadata">The resolved metadata.</param>
    /// <param name="completeClaims">The payload with every disclosure applied.</param>
    /// <param name="disclosablePaths">The paths of every claim that is selectively disclosable in the credential.</param>
    /// <returns>The first violation, or <see langword="null"/>.</returns>
    public static VerificationError? ValidateComplete(ResolvedTypeMetadata metadata, JsonElement completeClaims, IReadOnlyList<ClaimPath> disclosablePaths)
        => Validate(metadata, completeClaims, disclosablePaths, CollectPaths(completeClaims));

    /// <summary>Every claim path in a payload: each object member and array element, at every depth.</summary>
    /// <param name="claims">The payload.</param>
    public static IReadOnlyList<ClaimPath> CollectPaths(JsonElement claims) => ClaimPath.EnumerateAll(claims);

    private static bool IsProvablyMissing(ClaimMetadata claim, int selected, JsonElement claims, IReadOnlyList<ClaimPath>? issuedClaimPaths)
    {
        if (issuedClaimPaths is null)
        {
            return claim.Sd == ClaimSelectiveDisclosure.Never && MissingUnderPresentParent(claim, claims);
        }

        if (selected > 0)
        {
            return false;
        }

        foreach (var issued in issuedClaimPaths)
        {
            if (issued is not null && claim.Path.MatchesPrefixOf(issued, out var isPrefix) && isPrefix)
            {
                return false;
            }
        }

        return true;
    }

    // A member absent from a parent that is present: with sd: never it cannot be an undisclosed claim.
    private static bool MissingUnderPresentParent(ClaimMetadata claim, JsonElement claims)
    {
        if (claim.Path.Components[^1].Name is not { } name
            || !claim.Path.TrySelect(claims, claim.Path.Length - 1, out var parents))
        {
            return false;
        }

        foreach (var (_, parent) in parents)
        {
            if (parent.ValueKind == JsonValueKind.Object && !parent.TryGetProperty(name, out _))
            {
                return true;
            }
        }

        return false;
    }
}
