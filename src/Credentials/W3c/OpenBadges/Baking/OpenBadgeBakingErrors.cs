namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>Error codes for Open Badges 3.0 baked badges: credentials embedded in PNG and SVG images (section 5.3).</summary>
public static class OpenBadgeBakingErrors
{
    /// <summary><c>bake.too_large</c>: the image (or the document given to the verifier) is longer than the limit.</summary>
    public static readonly ErrorCode TooLarge = new("bake.too_large", VerificationFailureKind.Malformed);

    /// <summary><c>bake.unrecognized_format</c>: the bytes are neither a PNG nor an SVG image (nor, for the verifier, JSON or a compact JWS).</summary>
    public static readonly ErrorCode UnrecognizedFormat = new("bake.unrecognized_format", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>bake.invalid_png</c>: the PNG datastream is malformed: no signature, a chunk length past the end of the data,
    /// a chunk type that is not four letters, <c>IHDR</c> not first, <c>IEND</c> not last, or bytes after <c>IEND</c>.
    /// </summary>
    public static readonly ErrorCode InvalidPng = new("bake.invalid_png", VerificationFailureKind.Malformed);

    /// <summary><c>bake.crc_mismatch</c>: a PNG chunk's CRC-32 does not match its type and data.</summary>
    public static readonly ErrorCode CrcMismatch = new("bake.crc_mismatch", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>bake.invalid_svg</c>: the SVG is not well-formed XML, has a document type declaration (DTDs and entities are
    /// refused), declares an encoding other than UTF-8 where one is required, or binds the <c>openbadges</c> prefix
    /// to another namespace.
    /// </summary>
    public static readonly ErrorCode InvalidSvg = new("bake.invalid_svg", VerificationFailureKind.Malformed);

    /// <summary><c>bake.not_svg</c>: the XML document's root element is not <c>svg</c> in the SVG namespace.</summary>
    public static readonly ErrorCode NotSvg = new("bake.not_svg", VerificationFailureKind.Malformed);

    /// <summary><c>bake.too_deep</c>: the SVG's elements are nested deeper than the limit.</summary>
    public static readonly ErrorCode TooDeep = new("bake.too_deep", VerificationFailureKind.Malformed);

    /// <summary><c>bake.no_credential</c>: the image holds no baked Open Badges 3.0 credential.</summary>
    public static readonly ErrorCode NoCredential = new("bake.no_credential", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>bake.multiple_credentials</c>: the image holds more than one <c>openbadgecredential</c> <c>iTXt</c> chunk, or
    /// more than one <c>openbadges:credential</c> element (section 5.3: each MUST appear only once).
    /// </summary>
    public static readonly ErrorCode MultipleCredentials = new("bake.multiple_credentials", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>bake.compressed_credential</c>: the <c>openbadgecredential</c> <c>iTXt</c> chunk is compressed (section 5.3:
    /// compression MUST NOT be used). It is refused without being decompressed.
    /// </summary>
    public static readonly ErrorCode CompressedCredential = new("bake.compressed_credential", VerificationFailureKind.Malformed);

    /// <summary><c>bake.credential_too_large</c>: the baked credential text is longer than the limit.</summary>
    public static readonly ErrorCode CredentialTooLarge = new("bake.credential_too_large", VerificationFailureKind.Malformed);

    /// <summary>
    /// <c>bake.invalid_credential</c>: the baked credential is malformed: an <c>iTXt</c> chunk without its separators or
    /// with an unknown compression method, text that is not UTF-8, an empty credential, or an
    /// <c>openbadges:credential</c> element with child elements or with both a <c>verify</c> attribute and a body.
    /// </summary>
    public static readonly ErrorCode InvalidCredential = new("bake.invalid_credential", VerificationFailureKind.Malformed);
}
