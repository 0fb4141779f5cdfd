using System.Collections.Immutable;
using System.Text.Json;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Status;

namespace Credentials.OpenId4Vp;

/// <summary>
/// One presentation of a <c>vp_token</c> and what the verifier found: the credential's verified claims, which claims
/// the query asked for, and what the wallet disclosed beyond that (reported, never a failure).
/// </summary>
public sealed record VerifiedPresentation
{
    /// <summary>The Credential Query id it answers.</summary>
    public required string QueryId { get; init; }

    /// <summary>Its position in the query's array.</summary>
    public required int Index { get; init; }

    /// <summary>Whether it passed every check; an invalid presentation is discarded (section 8.6).</summary>
    public bool IsValid => Error is null;

    /// <summary>Why it was discarded, or <see langword="null"/>.</summary>
    public VerificationError? Error { get; init; }

    /// <summary>The credential type, when the credential verified.</summary>
    public string? Vct { get; init; }

    /// <summary>The mdoc document type, for <c>mso_mdoc</c>.</summary>
    public string? DocType { get; init; }

    /// <summary>The issuer, when the credential verified (for <c>mso_mdoc</c>, the document signer certificate's subject).</summary>
    public string? Issuer { get; init; }

    /// <summary>The processed claims (plaintext and disclosed) when valid; <see langword="null"/> otherwise.</summary>
    public JsonElement? Claims { get; init; }

    /// <summary>The selectively disclosable claims the presentation disclosed.</summary>
    public ImmutableArray<ClaimPath> DisclosedClaims { get; init; } = [];

    /// <summary>The concrete claims the query asked for that the presentation answers.</summary>
    public ImmutableArray<ClaimPath> RequestedClaims { get; init; } = [];

    /// <summary>Disclosed claims the query did not need (more than asked): reported, not a failure.</summary>
    public ImmutableArray<ClaimPath> ExtraDisclosedClaims { get; init; } = [];

    /// <summary>The status value, when it was checked.</summary>
    public StatusValue? Status { get; init; }

    /// <summary>The RFC 7638 thumbprint of the key the Key Binding JWT was signed with, if there was one.</summary>
    public string? HolderKeyThumbprint { get; init; }

    /// <summary>The Credential Format Identifier of the query it answers (for example <c>dc+sd-jwt</c>, <c>ldp_vc</c>).</summary>
    public string? Format { get; init; }

    /// <summary>The W3C credential's <c>type</c> values as written, for <c>jwt_vc_json</c> and <c>ldp_vc</c>.</summary>
    public ImmutableArray<string> Types { get; init; } = [];

    /// <summary>
    /// For <c>jwt_vc_json</c> and <c>ldp_vc</c>: the presentation's holder (a DID), proven by the presentation's proof and
    /// equal to the credential subject's <c>id</c>.
    /// </summary>
    public string? Holder { get; init; }

    /// <summary>
    /// Whether the presentation revealed the whole credential (the W3C formats have no selective disclosure):
    /// <see cref="Claims"/> is then the whole credential and <see cref="DisclosedClaims"/> its top-level members.
    /// </summary>
    public bool DisclosesWholeCredential { get; init; }

    /// <summary>Every check of the credential verification with its outcome (SD-JWT VC; empty for the W3C formats).</summary>
    public ImmutableArray<VerificationCheck> Checks { get; init; } = [];
}
