using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>
/// One <c>jwt_vc_json</c> or <c>ldp_vc</c> credential configuration an <see cref="OpenId4VciIssuer"/> offers and issues
/// (OpenID4VCI 1.0 appendix A.1): W3C credentials whose <c>credentialSubject.id</c> is the holder's DID proved by the key proof.
/// </summary>
public sealed record IssuerW3cCredentialConfiguration
{
    /// <summary>The configuration id (the key in <c>credential_configurations_supported</c>), for example <c>teamwork_badge_ldp</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The credential's <c>type</c> values (<c>credential_definition.type</c>), for example <c>VerifiableCredential</c> and <c>OpenBadgeCredential</c>.</summary>
    public required IReadOnlyList<string> Types { get; init; }

    /// <summary>The credential's <c>@context</c> values (<c>credential_definition.@context</c>); required for <c>ldp_vc</c>, not written for <c>jwt_vc_json</c>.</summary>
    public IReadOnlyList<string>? Contexts { get; init; }

    /// <summary>Secures the credentials; its <see cref="IW3cCredentialSigner.Format"/> is the configuration's format.</summary>
    public required IW3cCredentialSigner Signer { get; init; }

    /// <summary>The DID methods a holder may be identified by (<c>cryptographic_binding_methods_supported</c>). Default <c>did:key</c> and <c>did:jwk</c>.</summary>
    public IReadOnlyList<string> BindingMethods { get; init; } = [CredentialConfiguration.DidKeyBindingMethod, CredentialConfiguration.DidJwkBindingMethod];

    /// <summary>The OAuth scope (for the Authorization Code Flow, later); defaults to none.</summary>
    public string? Scope { get; init; }

    /// <summary>Display data per language (<c>credential_metadata.display</c>).</summary>
    public IReadOnlyList<CredentialDisplay>? Display { get; init; }

    /// <summary>The claims description array (<c>credential_metadata.claims</c>), written as given.</summary>
    public JsonElement? Claims { get; init; }
}
