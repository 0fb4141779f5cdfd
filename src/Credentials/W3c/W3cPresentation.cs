using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Credentials.W3c;

/// <summary>
/// A presentation of the W3C Verifiable Credentials Data Model 2.0 (section 4.13): the JSON document exactly as read
/// or built, with typed accessors. Every instance conforms to the data model: each presented credential is an object
/// that is a conforming credential with a proof (or self-asserted by the holder), or a well-formed enveloped
/// credential. What the proofs and envelopes say is checked by the verifiers. Immutable and thread-safe.
/// </summary>
public sealed partial class W3cPresentation
{
    private readonly VerificationError? _strictError;
    private readonly bool _usesUndefinedTerms;

    private W3cPresentation(
        JsonElement json,
        ImmutableArray<JsonElement> context,
        string? id,
        ImmutableArray<string> types,
        W3cEntity? holder,
        ImmutableArray<PresentedCredential> credentials,
        ImmutableArray<W3cTypedObject> termsOfUse,
        JsonElement? proof,
        bool usesUndefinedTerms,
        VerificationError? strictError)
    {
        Json = json;
        Context = context;
        Id = id;
        Types = types;
        Holder = holder;
        VerifiableCredentials = credentials;
        TermsOfUse = termsOfUse;
        Proof = proof;
        _usesUndefinedTerms = usesUndefinedTerms;
        _strictError = strictError;
    }

    /// <summary>The whole document as read or built.</summary>
    public JsonElement Json { get; }

    /// <summary>The <c>@context</c> items, the base context URL first.</summary>
    public ImmutableArray<JsonElement> Context { get; }

    /// <summary>The presentation's <c>id</c> URL, if any.</summary>
    public string? Id { get; }

    /// <summary>The <c>type</c> values; always includes <c>VerifiablePresentation</c>.</summary>
    public ImmutableArray<string> Types { get; }

    /// <summary>The <c>holder</c>, if stated.</summary>
    public W3cEntity? Holder { get; }

    /// <summary>The <c>verifiableCredential</c> values, in order (empty when there are none).</summary>
    public ImmutableArray<PresentedCredential> VerifiableCredentials { get; }

    /// <summary>The holder's <c>termsOfUse</c> entries, if any (section 5.5).</summary>
    public ImmutableArray<W3cTypedObject> TermsOfUse { get; }

    /// <summary>The embedded <c>proof</c>, if any, left for the securing mechanism.</summary>
    public JsonElement? Proof { get; }

    /// <summary>Whether <see cref="Types"/> has the given value.</summary>
    /// <param name="type">A type.</param>
    public bool HasType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Types.Contains(type, StringComparer.Ordinal);
    }

    /// <summary>Gets a top-level member, modelled or not.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when the member is present.</returns>
    public bool TryGetMember(string name, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Json.TryGetProperty(name, out value);
    }

    /// <summary>
    /// Checks what a holder must not secure beyond what reading accepts (see
    /// <see cref="W3cCredential.ValidateForIssuance(W3cIssuanceOptions?)"/>), including in embedded credentials.
    /// </summary>
    /// <param name="options">The declared extension members; <see cref="W3cIssuanceOptions.Default"/> when omitted.</param>
    /// <returns>The first violation, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public VerificationError? ValidateForIssuance(W3cIssuanceOptions? options = null)
    {
        options ??= W3cIssuanceOptions.Default;
        options.Validate(nameof(options));
        return _strictError ?? W3cDocumentReader.CheckDefinedMembers(Json, W3cDocumentReader.PresentationMembers, options, _usesUndefinedTerms);
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
    public override string ToString() => $"W3cPresentation({VerifiableCredentials.Length} credential(s), holder {Holder?.Id ?? "-"})";

    internal ReadOnlySpan<byte> RawUtf8 => JsonMarshal.GetRawUtf8Value(Json);
}
