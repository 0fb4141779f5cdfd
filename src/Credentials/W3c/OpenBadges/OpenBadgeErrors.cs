namespace Credentials.W3c.OpenBadges;

/// <summary>Error codes for the 1EdTech Open Badges 3.0 data model and its JSON Schemas.</summary>
public static class OpenBadgeErrors
{
    /// <summary>
    /// <c>ob.schema_invalid</c>: the document does not conform to the 1EdTech JSON Schema for its type (Open Badges 3.0
    /// section 9.1, step 1); <see cref="VerificationError.Path"/> is the failing instance location.
    /// </summary>
    public static readonly ErrorCode SchemaInvalid = new("ob.schema_invalid", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.invalid_type</c>: the credential's <c>type</c> has neither <c>AchievementCredential</c> nor
    /// <c>OpenBadgeCredential</c> (or, for an endorsement, not <c>EndorsementCredential</c>) (appendix B.1, AchievementCredential).
    /// </summary>
    public static readonly ErrorCode InvalidType = new("ob.invalid_type", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.invalid_context</c>: the second <c>@context</c> item is not an Open Badges 3.0 context URL
    /// (<c>https://purl.imsglobal.org/spec/ob/v3p0/context(-3.x.y).json</c>) (appendix B.1, AchievementCredential).
    /// </summary>
    public static readonly ErrorCode InvalidContext = new("ob.invalid_context", VerificationFailureKind.Malformed);

    /// <summary><c>ob.invalid_subject</c>: <c>credentialSubject</c> is not one <c>AchievementSubject</c> (or <c>EndorsementSubject</c>) object (appendix B.1, AchievementSubject and EndorsementSubject).</summary>
    public static readonly ErrorCode InvalidSubject = new("ob.invalid_subject", VerificationFailureKind.Malformed);

    /// <summary><c>ob.subject_not_identified</c>: the <c>AchievementSubject</c> has neither an <c>id</c> nor an <c>identifier</c> (section 9.1, step 1).</summary>
    public static readonly ErrorCode SubjectNotIdentified = new("ob.subject_not_identified", VerificationFailureKind.Malformed);

    /// <summary><c>ob.invalid_identifier</c>: an <c>identifier</c> entry is not a well-formed <c>IdentityObject</c> (appendix B.1, IdentityObject).</summary>
    public static readonly ErrorCode InvalidIdentifier = new("ob.invalid_identifier", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>ob.invalid_achievement</c>: the <c>achievement</c> is missing, or lacks one of <c>id</c>, <c>type</c>
    /// (with <c>Achievement</c>), <c>name</c>, <c>description</c> or <c>criteria</c>, or one of them has the wrong shape (appendix B.1, Achievement).
    /// </summary>
    public static readonly ErrorCode InvalidAchievement = new("ob.invalid_achievement", VerificationFailureKind.Malformed);

    /// <summary><c>ob.invalid_issuer</c>: the <c>issuer</c> is an object that is not a <c>Profile</c> (appendix B.1, Profile).</summary>
    public static readonly ErrorCode InvalidIssuer = new("ob.invalid_issuer", VerificationFailureKind.Malformed);

    /// <summary><c>ob.invalid_member</c>: a member the Open Badges data model defines (for example <c>awardedDate</c>, <c>alignment</c>, <c>result</c>) has the wrong shape.</summary>
    public static readonly ErrorCode InvalidMember = new("ob.invalid_member", VerificationFailureKind.Malformed);
}
