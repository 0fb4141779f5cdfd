using System;
using System.Text.Json;
using Credentials.Dids;
using Credentials.Internal;
using Credentials.SdJwt;

namespace Credentials.W3c.VcJose;

/// <summary>
/// The rules VC-JOSE-COSE sets on the JWT Claims Set and header of a <c>vc+jwt</c> or <c>vp+jwt</c>, shared by the
/// issuer (which refuses to produce what the verifier would refuse) and the verifier.
/// </summary>
internal static class VcJwtClaims
{
    /// <summary>The issuer's (or holder's) identifier without validating the rest: the string, or the object's string <c>id</c>.</summary>
    public static string? SignerId(JsonElement payload, string member)
    {
        if (!payload.TryGetProperty(member, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        return value.ValueKind == JsonValueKind.Object && value.TryGetString("id", out var id) ? id : null;
    }

    /// <summary>Sections 1.1.2 and 3.1.3: the claim names <c>vc</c> and <c>vp</c> must not be present.</summary>
    public static VerificationError? CheckForbiddenClaims(JsonElement payload)
    {
        foreach (var name in (ReadOnlySpan<string>)["vc", "vp"])
        {
            if (payload.TryGetProperty(name, out _))
            {
                return new VerificationError(VcJoseErrors.ForbiddenClaim, $"The JWT Claims Set must not have a '{name}' claim.") { Path = ClaimPath.Of(name) };
            }
        }

        return null;
    }

    /// <summary>Section 4.1.2: <c>iss</c>, when present, is a string equal to the issuer (or holder) identifier.</summary>
    public static VerificationError? CheckIss(JsonElement payload, string? signerId, ErrorCode mismatch)
    {
        if (!payload.TryGetProperty("iss", out var iss))
        {
            return null;
        }

        if (iss.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(VcJoseErrors.InvalidClaim, "'iss' must be a string.") { Path = ClaimPath.Of("iss") };
        }

        if (signerId is not null && !iss.ValueEquals(signerId))
        {
            return new VerificationError(mismatch, "'iss' does not match the document's issuer or holder.") { Path = ClaimPath.Of("iss") };
        }

        return null;
    }

    /// <summary>
    /// Sections 4.1.1 and 4.3: a signer identified by a DID names its key with <c>kid</c>; without <c>iss</c>, the
    /// <c>kid</c> is an absolute URL; and a <c>kid</c> that is a DID URL belongs to the signer's DID.
    /// </summary>
    public static VerificationError? CheckKeyId(string? kid, string? signerId, bool hasIss)
    {
        var signerIsDid = Did.TryParse(signerId, out var signerDid);
        if (string.IsNullOrEmpty(kid))
        {
            if (signerIsDid)
            {
                return new VerificationError(VcJoseErrors.MissingKeyId, "The signer is a DID, so the header must name its key with 'kid'.");
            }

            if (!hasIss && signerId is not null)
            {
                return new VerificationError(VcJoseErrors.MissingKeyId, "Without 'iss', the header must have a 'kid' that is an absolute URL.");
            }

            return null;
        }

        if (!hasIss && signerId is not null && !W3cSyntax.IsUrl(kid))
        {
            return new VerificationError(VcJoseErrors.MissingKeyId, "Without 'iss', the 'kid' must be an absolute URL.");
        }

        if (kid.StartsWith("did:", StringComparison.Ordinal))
        {
            if (!DidUrl.TryParse(kid, out var url))
            {
                return new VerificationError(VcJoseErrors.KeyMismatch, "The 'kid' is not a valid DID URL.");
            }

            if (!signerIsDid || url.Did != signerDid)
            {
                return new VerificationError(VcJoseErrors.KeyMismatch, "The 'kid' names a key of another DID than the signer's.");
            }
        }

        return null;
    }

    /// <summary>
    /// Section 3.1.3: <c>jti</c> and <c>sub</c>, when present, are strings that do not conflict with <c>id</c> and
    /// with the subjects' <c>id</c>s (<paramref name="subjectIds"/> is empty for a presentation).
    /// </summary>
    public static VerificationError? CheckConflicts(JsonElement payload, string? id, ReadOnlySpan<string?> subjectIds, bool isCredential)
    {
        if (payload.TryGetProperty("jti", out var jti))
        {
            if (jti.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(VcJoseErrors.InvalidClaim, "'jti' must be a string.") { Path = ClaimPath.Of("jti") };
            }

            if (id is not null && !jti.ValueEquals(id))
            {
                return new VerificationError(VcJoseErrors.ClaimConflict, "'jti' conflicts with 'id'.") { Path = ClaimPath.Of("jti") };
            }
        }

        if (payload.TryGetProperty("sub", out var sub))
        {
            if (sub.ValueKind != JsonValueKind.String)
            {
                return new VerificationError(VcJoseErrors.InvalidClaim, "'sub' must be a string.") { Path = ClaimPath.Of("sub") };
            }

            if (isCredential)
            {
                var anyId = false;
                foreach (var subjectId in subjectIds)
                {
                    if (subjectId is not null)
                    {
                        anyId = true;
                        if (sub.ValueEquals(subjectId))
                        {
                            return null;
                        }
                    }
                }

                if (anyId)
                {
                    return new VerificationError(VcJoseErrors.ClaimConflict, "'sub' conflicts with every 'credentialSubject.id'.") { Path = ClaimPath.Of("sub") };
                }
            }
        }

        return null;
    }

    /// <summary>RFC 7519 sections 4.1.4 and 4.1.5: <c>exp</c> and <c>nbf</c>, when present, are NumericDates; checked against the clock when one is given.</summary>
    public static VerificationError? CheckTimes(JsonElement payload, DateTimeOffset? now, TimeSpan skew)
    {
        if (!SdJwtVerifier.TryReadTime(payload, "exp", out var exp) || !SdJwtVerifier.TryReadTime(payload, "nbf", out var nbf))
        {
            return new VerificationError(VcJoseErrors.InvalidClaim, "'exp' and 'nbf' must be NumericDates.");
        }

        if (now is not { } clock)
        {
            return null;
        }

        if (exp is { } e && SaturatingTime.Subtract(clock, skew) >= e)
        {
            return new VerificationError(VcJoseErrors.Expired, "The JWT has expired (exp).") { Path = ClaimPath.Of("exp") };
        }

        if (nbf is { } n && SaturatingTime.Add(clock, skew) < n)
        {
            return new VerificationError(VcJoseErrors.NotYetValid, "The JWT is not valid yet (nbf).") { Path = ClaimPath.Of("nbf") };
        }

        return null;
    }
}
