using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Credentials.Internal;

namespace Credentials.W3c;

/// <summary>
/// A credential of the W3C Verifiable Credentials Data Model 2.0: the JSON document exactly as read or built, with
/// typed accessors for the members the data model defines. Every instance conforms to the data model (each MUST of
/// sections 4 and 5 that can be checked without JSON-LD processing). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A credential is a JSON-LD document and proofs are computed over its content, so nothing is mapped away: members
/// this library does not model (extensions, subject claims, <c>proof</c>) are kept in <see cref="Json"/> untouched,
/// and <see cref="ToJson"/> returns the text as it was read. Read untrusted JSON with <see cref="Read(string)"/>;
/// create one with <see cref="W3cCredentialBuilder"/>.
/// </remarks>
public sealed partial class W3cCredential
{
    private readonly VerificationError? _strictError;
    private readonly bool _usesUndefinedTerms;

    private W3cCredential(
        JsonElement json,
        ImmutableArray<JsonElement> context,
        string? id,
        ImmutableArray<string> types,
        W3cEntity issuer,
        LocalizedText? name,
        LocalizedText? description,
        DateTimeOffset? validFrom,
        DateTimeOffset? validUntil,
        ImmutableArray<W3cCredentialSubject> subjects,
        Extensions extensions,
        JsonElement? proof,
        bool usesUndefinedTerms,
        VerificationError? strictError)
    {
        Json = json;
        Context = context;
        Id = id;
        Types = types;
        Issuer = issuer;
        Name = name;
        Description = description;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        CredentialSubjects = subjects;
        CredentialStatus = extensions.Status;
        CredentialSchemas = extensions.Schemas;
        Evidence = extensions.Evidence;
        TermsOfUse = extensions.TermsOfUse;
        RefreshServices = extensions.RefreshServices;
        Proof = proof;
        _usesUndefinedTerms = usesUndefinedTerms;
        _strictError = strictError;
    }

    /// <summary>The whole document as read or built: every member, in order.</summary>
    public JsonElement Json { get; }

    /// <summary>The <c>@context</c> items: the base context URL first, then URLs (strings) and context objects (section 4.3).</summary>
    public ImmutableArray<JsonElement> Context { get; }

    /// <summary>The credential's <c>id</c> URL, if any (section 4.4).</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values; always includes <c>VerifiableCredential</c> (section 4.5).</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The issuer (section 4.7).</summary>
    public W3cEntity Issuer { get; }

    /// <summary>The credential's <c>name</c>, if any (section 4.6).</summary>
    public LocalizedText? Name { get; }

    /// <summary>The credential's <c>description</c>, if any (section 4.6).</summary>
    public LocalizedText? Description { get; }

    /// <summary>When the credential becomes valid (<c>validFrom</c>), if stated (section 4.9).</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary>When the credential ceases to be valid (<c>validUntil</c>), if stated (section 4.9).</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>The subjects and their claims (<c>credentialSubject</c>, one or more) (section 4.8).</summary>
    public ImmutableArray<W3cCredentialSubject> CredentialSubjects { get; }

    /// <summary>The <c>credentialStatus</c> entries, if any (section 4.10).</summary>
    public ImmutableArray<W3cTypedObject> CredentialStatus { get; }

    /// <summary>The <c>credentialSchema</c> entries, if any (section 4.11).</summary>
    public ImmutableArray<W3cTypedObject> CredentialSchemas { get; }

    /// <summary>The <c>evidence</c> entries, if any (section 5.6).</summary>
    public ImmutableArray<W3cTypedObject> Evidence { get; }

    /// <summary>The <c>termsOfUse</c> entries, if any (section 5.5).</summary>
    public ImmutableArray<W3cTypedObject> TermsOfUse { get; }

    /// <summary>The <c>refreshService</c> entries, if any (section 5.4).</summary>
    public ImmutableArray<W3cTypedObject> RefreshServices { get; }

    /// <summary>The embedded <c>proof</c> (an object or an array of objects), left for the securing mechanism to verify; <see langword="null"/> without one.</summary>
    public JsonElement? Proof { get; }

    /// <summary>Whether <see cref="Types"/> has the given value.</summary>
    /// <param name="type">A type, for example <c>OpenBadgeCredential</c>.</param>
    public bool HasType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Types.Contains(type, StringComparer.Ordinal);
    }

    /// <summary>Whether <c>@context</c> has the given URL.</summary>
    /// <param name="url">A context URL.</param>
    public bool HasContext(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return W3cDocumentReader.HasContext(Context, url);
    }

    /// <summary>Gets a top-level member, modelled or not (for example an extension such as <c>awardedDate</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when the member is present.</returns>
    public bool TryGetMember(string name, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Json.TryGetProperty(name, out value);
    }

    /// <summary>
    /// Checks the validity period against a moment (section 4.9 and A.7): <see cref="VcErrors.NotYetValid"/> when
    /// <c>validFrom</c> is later than <paramref name="now"/> plus the skew, <see cref="VcErrors.Expired"/> when
    /// <c>validUntil</c> is earlier than <paramref name="now"/> minus the skew; <see langword="null"/> when valid.
    /// </summary>
    /// <param name="now">The moment, from the caller's <see cref="TimeProvider"/>.</param>
    /// <param name="clockSkew">The tolerance for clock differences.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clockSkew"/> is negative.</exception>
    public VerificationError? CheckValidityPeriod(DateTimeOffset now, TimeSpan clockSkew = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew, TimeSpan.Zero);
        if (ValidFrom is { } from && from > SaturatingTime.Add(now, clockSkew))
        {
            return new VerificationError(VcErrors.NotYetValid, "The credential is not valid yet (validFrom).") { Path = ClaimPath.Of("validFrom") };
        }

        if (ValidUntil is { } until && until < SaturatingTime.Subtract(now, clockSkew))
        {
            return new VerificationError(VcErrors.Expired, "The credential is no longer valid (validUntil).") { Path = ClaimPath.Of("validUntil") };
        }

        return null;
    }

    /// <summary>
    /// Checks what an issuer must not produce beyond what reading accepts: every date a <c>dateTimeStamp</c> with an
    /// offset, every language tag well formed, and no top-level member that is neither defined by the base context
    /// nor declared (see <see cref="W3cIssuanceOptions"/>). Securing mechanisms call it before they sign.
    /// </summary>
    /// <param name="options">The declared extension members; <see cref="W3cIssuanceOptions.Default"/> when omitted.</param>
    /// <returns>The first violation, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VerificationError? ValidateForIssuance(W3cIssuanceOptions? options = null)
    {
        options ??= W3cIssuanceOptions.Default;
        options.Validate(nameof(options));
        return _strictError ?? W3cDocumentReader.CheckDefinedMembers(Json, W3cDocumentReader.CredentialMembers, options, _usesUndefinedTerms);
    }

    /// <summary>The issuance-only rules of the data model itself (dates with offsets, well-formed language tags).</summary>
    internal VerificationError? ValidateForIssuanceStrictOnly() => _strictError;

    /// <summary>The document as JSON text, exactly as it was read or built.</summary>
    public string ToJson() => Encoding.UTF8.GetString(RawUtf8);

    /// <summary>The document as UTF-8 JSON, exactly as it was read or built.</summary>
    public byte[] ToUtf8Bytes() => RawUtf8.ToArray();

    /// <summary>Writes the document, exactly as it was read or built, as a value.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(RawUtf8, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override string ToString() => $"W3cCredential({string.Join(",", Types)}, issuer {Issuer.Id})";

    /// <summary>The document's bytes as they were parsed (no copy).</summary>
    internal ReadOnlySpan<byte> RawUtf8 => JsonMarshal.GetRawUtf8Value(Json);

    /// <summary>The members of the extension points, read together.</summary>
    private readonly record struct Extensions(
        ImmutableArray<W3cTypedObject> Status,
        ImmutableArray<W3cTypedObject> Schemas,
        ImmutableArray<W3cTypedObject> Evidence,
        ImmutableArray<W3cTypedObject> TermsOfUse,
        ImmutableArray<W3cTypedObject> RefreshServices);
}
