using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>The Open Badges 3.0 rules read on top of the W3C data model (those of the schema that matter to a reader, and section 9.1).</summary>
internal static class OpenBadgeRules
{
    // Appendix B.1 (AchievementCredential, EndorsementCredential): @context is the VCDM 2.0 context, then an OB 3.0 context.
    public static VerificationError? CheckContext(W3cCredential credential)
    {
        var context = credential.Context;
        if (context.Length < 2 || context[1].ValueKind != JsonValueKind.String || !OpenBadgeContexts.IsOpenBadgesContext(context[1].GetString()))
        {
            return new VerificationError(OpenBadgeErrors.InvalidContext, "The second @context item must be an Open Badges 3.0 context URL.")
            {
                Path = ClaimPath.Of("@context").Append(1),
            };
        }

        return null;
    }

    // Appendix B.1, Profile (ProfileRef): the issuer is a URI or a Profile object with an id and the type Profile.
    public static VerificationError? ReadIssuer(W3cCredential credential, out OpenBadgeProfile issuer)
    {
        var json = credential.Issuer.Json;
        issuer = new OpenBadgeProfile(json);
        if (json.ValueKind == JsonValueKind.Object && !issuer.Types.Contains(OpenBadgeTypes.Profile, StringComparer.Ordinal))
        {
            return new VerificationError(OpenBadgeErrors.InvalidIssuer, "An issuer object must have the type 'Profile'.") { Path = ClaimPath.Of("issuer", "type") };
        }

        return null;
    }

    /// <summary>The single <c>credentialSubject</c> object, which must have the given type.</summary>
    public static VerificationError? ReadSubject(W3cCredential credential, string type, out JsonElement subject)
    {
        subject = default;
        var path = ClaimPath.Of("credentialSubject");
        if (!credential.Json.TryGetProperty("credentialSubject", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenBadgeErrors.InvalidSubject, "'credentialSubject' must be one object.") { Path = path };
        }

        if (!OpenBadgeJson.Types(value).Contains(type, StringComparer.Ordinal))
        {
            return new VerificationError(OpenBadgeErrors.InvalidSubject, $"'credentialSubject' must have the type '{type}'.") { Path = path.Append("type") };
        }

        subject = value;
        return null;
    }

    /// <summary>A member that must be a date and time with an offset when present.</summary>
    public static VerificationError? CheckDate(JsonElement obj, string member, ClaimPath objectPath)
    {
        if (obj.TryGetProperty(member, out var value)
            && (value.ValueKind != JsonValueKind.String || !W3cSyntax.TryParseDateTime(value.GetString()!, requireOffset: true, out _)))
        {
            return new VerificationError(OpenBadgeErrors.InvalidMember, $"'{member}' must be a date and time with a time zone.") { Path = objectPath.Append(member) };
        }

        return null;
    }

    /// <summary>A member that must be a string when present; required when <paramref name="required"/>.</summary>
    public static VerificationError? CheckString(JsonElement obj, string member, bool required, ErrorCode code, ClaimPath objectPath)
    {
        if (!obj.TryGetProperty(member, out var value))
        {
            return required ? new VerificationError(code, $"'{member}' is required.") { Path = objectPath.Append(member) } : null;
        }

        return value.ValueKind == JsonValueKind.String ? null : new VerificationError(code, $"'{member}' must be a string.") { Path = objectPath.Append(member) };
    }

    /// <summary>The <c>endorsement</c> member of an object: each item an <c>EndorsementCredential</c>.</summary>
    public static VerificationError? ReadEndorsements(JsonElement obj, ClaimPath objectPath, out ImmutableArray<EndorsementCredential> endorsements)
    {
        endorsements = [];
        if (!obj.TryGetProperty("endorsement", out var value))
        {
            return null;
        }

        var path = objectPath.Append("endorsement");
        if (value.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(OpenBadgeErrors.InvalidMember, "'endorsement' must be an array of credentials.") { Path = path };
        }

        var builder = ImmutableArray.CreateBuilder<EndorsementCredential>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var read = W3cCredential.ReadElement(item);
            VerificationResult<EndorsementCredential> endorsement = read.IsValid ? EndorsementCredential.From(read.Value) : read.Error!;
            if (!endorsement.IsValid)
            {
                return new VerificationError(OpenBadgeErrors.InvalidMember, "An endorsement is not a valid EndorsementCredential.")
                {
                    Path = path.Append(index),
                    Inner = endorsement.Error,
                };
            }

            builder.Add(endorsement.Value);
            index++;
        }

        endorsements = builder.ToImmutable();
        return null;
    }
}
