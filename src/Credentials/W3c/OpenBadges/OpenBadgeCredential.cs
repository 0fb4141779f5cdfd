using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>
/// An Open Badges 3.0 credential (<c>OpenBadgeCredential</c> or <c>AchievementCredential</c>): a view over a
/// <see cref="W3cCredential"/> with typed access to the issuer profile, the recipient and the achievement. The JSON is
/// kept exactly as read (see <see cref="W3cCredential.ToJson"/>); members not modelled here are in <see cref="Json"/>.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Reading checks the data model rules a consumer relies on (appendix B.1 and section 9.1): the types, the Open Badges
/// context, an <c>AchievementSubject</c> identified by <c>id</c> or <c>identifier</c>, and a complete
/// <c>achievement</c>. Check the full 1EdTech JSON Schema with <see cref="OpenBadgeSchemaValidator"/>; verify proofs,
/// status and validity period with the securing mechanism.
/// </remarks>
public sealed class OpenBadgeCredential
{
    private OpenBadgeCredential(
        W3cCredential credential,
        OpenBadgeProfile issuer,
        AchievementSubject subject,
        ImmutableArray<EndorsementCredential> endorsements)
    {
        Credential = credential;
        Issuer = issuer;
        Subject = subject;
        Endorsements = endorsements;
        AwardedDate = OpenBadgeJson.Date(credential.Json, "awardedDate");
        Image = OpenBadgeJson.Image(credential.Json, "image");
        Evidence = OpenBadgeJson.Objects(credential.Json, "evidence", e => new Evidence(e));
        EndorsementJwts = OpenBadgeJson.Strings(credential.Json, "endorsementJwt");
    }

    /// <summary>The underlying W3C credential (context, types, dates, status, schemas, proof).</summary>
    public W3cCredential Credential { get; }

    /// <summary>The whole document as read.</summary>
    public JsonElement Json => Credential.Json;

    /// <summary>The credential's <c>id</c>.</summary>
    public string? Id => Credential.Id;

    /// <summary>The issuer's profile (only <see cref="OpenBadgeProfile.Id"/> when the issuer is a URL).</summary>
    public OpenBadgeProfile Issuer { get; }

    /// <summary>The recipient and what they achieved.</summary>
    public AchievementSubject Subject { get; }

    /// <summary>The achievement (the subject's).</summary>
    public Achievement Achievement => Subject.Achievement;

    /// <summary>The credential's name for display in wallets, if any (a string per the schema).</summary>
    public LocalizedText? Name => Credential.Name;

    /// <summary>The credential's description, if any.</summary>
    public LocalizedText? Description => Credential.Description;

    /// <summary>When the credential becomes valid (<c>validFrom</c>, required by the schema).</summary>
    public DateTimeOffset? ValidFrom => Credential.ValidFrom;

    /// <summary>When the credential ceases to be valid (<c>validUntil</c>), if stated.</summary>
    public DateTimeOffset? ValidUntil => Credential.ValidUntil;

    /// <summary>When the achievement was first awarded (<c>awardedDate</c>), if stated; it stays when <c>validFrom</c> changes on reissue.</summary>
    public DateTimeOffset? AwardedDate { get; }

    /// <summary>The credential's image, if any.</summary>
    public OpenBadgeImage? Image { get; }

    /// <summary>The evidence, if any.</summary>
    public ImmutableArray<Evidence> Evidence { get; }

    /// <summary>The embedded endorsements (<c>endorsement</c>), each read with its own rules; their proofs are not verified here.</summary>
    public ImmutableArray<EndorsementCredential> Endorsements { get; }

    /// <summary>The endorsements given as compact JWS (<c>endorsementJwt</c>), unverified.</summary>
    public ImmutableArray<string> EndorsementJwts { get; }

    /// <summary>Reads an Open Badges credential from untrusted JSON text; never throws for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The credential, or the first violation (<c>vc.*</c> or <c>ob.*</c>).</returns>
    public static VerificationResult<OpenBadgeCredential> Read(string json)
    {
        var read = W3cCredential.Read(json);
        return read.IsValid ? From(read.Value) : read.Error!;
    }

    /// <summary>Reads an Open Badges credential from untrusted UTF-8 JSON (for example a JWT payload); never throws for bad input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The credential, or the first violation (<c>vc.*</c> or <c>ob.*</c>).</returns>
    public static VerificationResult<OpenBadgeCredential> Read(ReadOnlySpan<byte> utf8Json)
    {
        var read = W3cCredential.Read(utf8Json);
        return read.IsValid ? From(read.Value) : read.Error!;
    }

    /// <summary>Reads an Open Badges credential from an untrusted JSON element (it is copied); never throws for bad input.</summary>
    /// <param name="json">The JSON element.</param>
    /// <returns>The credential, or the first violation (<c>vc.*</c> or <c>ob.*</c>).</returns>
    public static VerificationResult<OpenBadgeCredential> Read(JsonElement json)
    {
        var read = W3cCredential.Read(json);
        return read.IsValid ? From(read.Value) : read.Error!;
    }

    /// <summary>Checks the Open Badges rules on a credential already read (for example by a securing mechanism).</summary>
    /// <param name="credential">The credential.</param>
    /// <returns>The Open Badges view, or the first violation (<c>ob.*</c>).</returns>
    public static VerificationResult<OpenBadgeCredential> From(W3cCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);

        // Appendix B.1, AchievementCredential: type includes AchievementCredential or OpenBadgeCredential.
        if (!credential.HasType(OpenBadgeTypes.AchievementCredential) && !credential.HasType(OpenBadgeTypes.OpenBadgeCredential))
        {
            return new VerificationError(OpenBadgeErrors.InvalidType, "The credential's type must include 'AchievementCredential' or 'OpenBadgeCredential'.") { Path = ClaimPath.Of("type") };
        }

        var error = OpenBadgeRules.CheckContext(credential);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.ReadIssuer(credential, out var issuer);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.ReadSubject(credential, OpenBadgeTypes.AchievementSubject, out var subjectJson);
        if (error is not null)
        {
            return error;
        }

        error = ReadSubject(subjectJson, out var subject);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.CheckDate(credential.Json, "awardedDate", ClaimPath.Root);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.ReadEndorsements(credential.Json, ClaimPath.Root, out var endorsements);
        return error is not null ? error : new OpenBadgeCredential(credential, issuer, subject!, endorsements);
    }

    /// <summary>Whether the recipient is the one known by an email address (section 9.3), through a hashed or plain <c>emailAddress</c> identifier.</summary>
    /// <param name="email">The email address, exactly as the issuer hashed it.</param>
    public bool RecipientHasEmail(string email) => Subject.MatchesIdentifier(IdentityObject.EmailAddress, email);

    /// <summary>The document as JSON text, exactly as read or built.</summary>
    public string ToJson() => Credential.ToJson();

    /// <inheritdoc />
    public override string ToString() => $"OpenBadgeCredential({Achievement.Id}, issuer {Issuer.Id})";

    private static VerificationError? ReadSubject(JsonElement json, out AchievementSubject? subject)
    {
        subject = null;
        var path = ClaimPath.Of("credentialSubject");

        // Section 9.1, step 1: the subject is identified by an id and/or an identifier.
        var error = OpenBadgeRules.CheckString(json, "id", required: false, OpenBadgeErrors.InvalidSubject, path);
        if (error is not null)
        {
            return error;
        }

        var identifiers = ImmutableArray<IdentityObject>.Empty;
        if (json.TryGetProperty("identifier", out var identifierValue))
        {
            error = ReadIdentifiers(identifierValue, path.Append("identifier"), out identifiers);
            if (error is not null)
            {
                return error;
            }
        }

        if (!json.TryGetProperty("id", out _) && identifiers.IsEmpty)
        {
            return new VerificationError(OpenBadgeErrors.SubjectNotIdentified, "The achievement subject needs an 'id' or at least one 'identifier'.") { Path = path };
        }

        error = ReadAchievement(json, path.Append("achievement"), out var achievement);
        if (error is not null)
        {
            return error;
        }

        error = OpenBadgeRules.CheckDate(json, "activityStartDate", path) ?? OpenBadgeRules.CheckDate(json, "activityEndDate", path);
        if (error is not null)
        {
            return error;
        }

        subject = new AchievementSubject(json, achievement!, identifiers);
        return null;
    }

    // Appendix B.1, IdentityObject: type "IdentityObject", hashed, identityHash and identityType are required.
    private static VerificationError? ReadIdentifiers(JsonElement value, ClaimPath path, out ImmutableArray<IdentityObject> identifiers)
    {
        identifiers = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            return new VerificationError(OpenBadgeErrors.InvalidIdentifier, "'identifier' must be an array of IdentityObject.") { Path = path };
        }

        var builder = ImmutableArray.CreateBuilder<IdentityObject>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = path.Append(index++);
            if (item.ValueKind != JsonValueKind.Object
                || OpenBadgeJson.String(item, "type") != "IdentityObject"
                || OpenBadgeJson.Boolean(item, "hashed") is null
                || string.IsNullOrEmpty(OpenBadgeJson.String(item, "identityHash"))
                || string.IsNullOrEmpty(OpenBadgeJson.String(item, "identityType"))
                || (item.TryGetProperty("salt", out var salt) && salt.ValueKind != JsonValueKind.String))
            {
                return new VerificationError(OpenBadgeErrors.InvalidIdentifier, "An identifier must be an IdentityObject with 'hashed', 'identityHash' and 'identityType'.") { Path = itemPath };
            }

            builder.Add(new IdentityObject(item));
        }

        identifiers = builder.ToImmutable();
        return null;
    }

    // Appendix B.1, Achievement: id, type (with Achievement), name, description and criteria are required.
    private static VerificationError? ReadAchievement(JsonElement subject, ClaimPath path, out Achievement? achievement)
    {
        achievement = null;
        if (!subject.TryGetProperty("achievement", out var json) || json.ValueKind != JsonValueKind.Object)
        {
            return new VerificationError(OpenBadgeErrors.InvalidAchievement, "The subject must have an 'achievement' object.") { Path = path };
        }

        var error = OpenBadgeRules.CheckString(json, "id", required: true, OpenBadgeErrors.InvalidAchievement, path)
            ?? OpenBadgeRules.CheckString(json, "name", required: true, OpenBadgeErrors.InvalidAchievement, path)
            ?? OpenBadgeRules.CheckString(json, "description", required: true, OpenBadgeErrors.InvalidAchievement, path)
            ?? OpenBadgeRules.CheckString(json, "inLanguage", required: false, OpenBadgeErrors.InvalidAchievement, path);
        if (error is not null)
        {
            return error;
        }

        if (!OpenBadgeJson.Types(json).Contains(OpenBadgeTypes.Achievement, StringComparer.Ordinal))
        {
            return new VerificationError(OpenBadgeErrors.InvalidAchievement, "The achievement's type must include 'Achievement'.") { Path = path.Append("type") };
        }

        if (OpenBadgeJson.Object(json, "criteria") is null)
        {
            return new VerificationError(OpenBadgeErrors.InvalidAchievement, "The achievement must have a 'criteria' object.") { Path = path.Append("criteria") };
        }

        achievement = new Achievement(json);
        return null;
    }
}
