using System;
using System.Collections.Generic;
using Credentials.SdJwt;
using Credentials.Trust;

namespace Credentials.SdJwtVc;

/// <summary>
/// What a verifier accepts for one kind of request: credential types, trusted issuers and what each may issue,
/// key binding, age, status and type metadata. A policy object, not a set of booleans.
/// </summary>
public sealed record SdJwtVcPolicy
{
    /// <summary>The key-binding requirement (with the expected <c>aud</c> and <c>nonce</c>).</summary>
    public required KeyBindingRequirement KeyBinding { get; init; }

    /// <summary>The accepted <c>vct</c> values; any type when null.</summary>
    public IReadOnlyList<string>? AcceptedVcts { get; init; }

    /// <summary>Which types each issuer may issue (for example a <see cref="TrustList"/>); not checked when null.</summary>
    public IIssuerAuthorization? IssuerAuthorization { get; init; }

    /// <summary>The oldest credential accepted, measured from its <c>iat</c> (which must then be present); no limit when null. Must not be negative.</summary>
    public TimeSpan? MaxCredentialAge { get; init; }

    /// <summary>Whether the credential's status is checked. Default: whenever the credential references a status list.</summary>
    public StatusCheck Status { get; init; } = StatusCheck.IfPresent;

    /// <summary>Whether type metadata is resolved and checked. Default: when it can be resolved.</summary>
    public TypeMetadataCheck TypeMetadata { get; init; } = TypeMetadataCheck.IfAvailable;
}

/// <summary>How a verifier treats type metadata.</summary>
public enum TypeMetadataCheck
{
    /// <summary>Resolve and check it when it can be obtained; a credential whose metadata is unreachable still verifies (reported as not checked).</summary>
    IfAvailable,

    /// <summary>The metadata must resolve (with a matching <c>vct#integrity</c>) and the credential must satisfy it.</summary>
    Required,

    /// <summary>Do not resolve type metadata.</summary>
    Skip,
}
