namespace Credentials.W3c.Jcs;

/// <summary>
/// Error codes for the JSON Canonicalization Scheme (RFC 8785). Every code is listed in <c>specs/errors.md</c>; codes
/// never change once released.
/// </summary>
public static class JcsErrors
{
    /// <summary><c>jcs.invalid_json</c>: the input is not JSON text in UTF-8, or is nested deeper than the limit.</summary>
    public static readonly ErrorCode InvalidJson = new("jcs.invalid_json", VerificationFailureKind.Malformed);

    /// <summary><c>jcs.duplicate_member</c>: an object has two members with the same name (RFC 8785 section 3.1, I-JSON).</summary>
    public static readonly ErrorCode DuplicateMember = new("jcs.duplicate_member", VerificationFailureKind.Malformed);

    /// <summary><c>jcs.invalid_string</c>: a string or member name holds a lone surrogate (RFC 8785 section 3.2.2.2, I-JSON).</summary>
    public static readonly ErrorCode InvalidString = new("jcs.invalid_string", VerificationFailureKind.Malformed);

    /// <summary><c>jcs.number_out_of_range</c>: a number has no finite IEEE 754 double value, for example <c>1e400</c> (RFC 8785 section 3.2.2.3).</summary>
    public static readonly ErrorCode NumberOutOfRange = new("jcs.number_out_of_range", VerificationFailureKind.Malformed);
}
