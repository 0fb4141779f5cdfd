using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

/// <summary>
/// Lists a credential's claims with their labels in the user's language, from the claim metadata of its type
/// (draft-ietf-oauth-sd-jwt-vc section 5.6.2), for example <c>生年月日</c> for <c>ja-JP</c> and <c>Date of birth</c> for <c>en-US</c>.
/// </summary>
/// <remarks>
/// <para>Claims are listed in payload order. An object or array is descended into when the metadata describes something
/// inside it (<c>["address","street_address"]</c>, <c>["degrees",null,"field_of_study"]</c>); otherwise it is listed as one
/// claim. Technical claims (<c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>cnf</c>, <c>vct</c>, <c>vct#integrity</c>,
/// <c>status</c>, <c>aka_vcts</c>, <c>_sd_alg</c>) are left out unless the metadata labels them.</para>
/// <para>Locale fallback: the exact tag, then shorter tags (<c>ja-JP</c> → <c>ja</c>), then the same language
/// (<c>ja</c> → <c>ja-JP</c>), then <c>en-US</c>/<c>en</c>, then the first label; without any label, the path.</para>
/// </remarks>
public static class ClaimLabeler
{
    private static readonly HashSet<string> s_technical = new(StringComparer.Ordinal)
    {
        "iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "aka_vcts", "_sd_alg",
    };

    /// <summary>Lists the claims present in the payload with labels in the given language.</summary>
    /// <param name="metadata">The resolved type metadata.</param>
    /// <param name="claims">The processed payload (only what was disclosed is listed).</param>
    /// <param name="locale">The user's language tag, for example <c>ja-JP</c> or <c>en-US</c>.</param>
    /// <returns>The labeled claims in payload order.</returns>
    public static IReadOnlyList<LabeledClaim> Label(ResolvedTypeMetadata metadata, JsonElement claims, string locale)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(locale);
        var result = new List<LabeledClaim>();
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var member in claims.EnumerateObject())
        {
            var path = ClaimPath.Of(member.Name);
            if (s_technical.Contains(member.Name) && metadata.FindClaim(path) is null)
            {
                continue;
            }

            Visit(metadata, path, member.Value, locale, result);
        }

        return result;
    }

    /// <summary>Lists the claims present in the payload with labels in the given culture.</summary>
    /// <param name="metadata">The resolved type metadata.</param>
    /// <param name="claims">The processed payload.</param>
    /// <param name="culture">The user's culture, for example <c>CultureInfo.CurrentUICulture</c>.</param>
    /// <returns>The labeled claims in payload order.</returns>
    public static IReadOnlyList<LabeledClaim> Label(ResolvedTypeMetadata metadata, JsonElement claims, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Label(metadata, claims, culture.Name);
    }

    private static void Visit(ResolvedTypeMetadata metadata, ClaimPath path, JsonElement value, string locale, List<LabeledClaim> result)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && DescribesInside(metadata, path))
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in value.EnumerateObject())
                {
                    Visit(metadata, path.Append(member.Name), member.Value, locale, result);
                }
            }
            else
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Visit(metadata, path.Append(index++), item, locale, result);
                }
            }

            return;
        }

        var claim = metadata.FindClaim(path);
        var display = claim is null ? null : metadata.GetClaimDisplay(path, locale);
        result.Add(new LabeledClaim(path, display?.Label ?? path.ToDisplayString(), display?.Description, value, claim, display is not null));
    }

    // Whether some claim metadata path continues below this concrete path.
    private static bool DescribesInside(ResolvedTypeMetadata metadata, ClaimPath path)
    {
        foreach (var claim in metadata.Claims)
        {
            if (claim.Path.Length > path.Length && claim.Path.MatchesPrefixOf(path, out _))
            {
                return true;
            }
        }

        return false;
    }
}
