using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>
/// One entry of <c>credential_configurations_supported</c> (OpenID4VCI 1.0 section 12.2.4 and, for <c>dc+sd-jwt</c>,
/// appendix A.3.2; for <c>jwt_vc_json</c> and <c>ldp_vc</c>, appendix A.1).
/// </summary>
public sealed record CredentialConfiguration
{
    /// <summary>The SD-JWT VC format identifier.</summary>
    public const string SdJwtVcFormat = "dc+sd-jwt";

    /// <summary>The W3C VCDM format secured as a JWT (appendix A.1.1), without JSON-LD processing.</summary>
    public const string JwtVcJsonFormat = "jwt_vc_json";

    /// <summary>The W3C VCDM format secured with a Data Integrity proof (appendix A.1.2).</summary>
    public const string LdpVcFormat = "ldp_vc";

    /// <summary>The binding method for holders identified by a <c>did:key</c>.</summary>
    public const string DidKeyBindingMethod = "did:key";

    /// <summary>The binding method for holders identified by a <c>did:jwk</c>.</summary>
    public const string DidJwkBindingMethod = "did:jwk";

    /// <summary>The binding method for keys as JWKs.</summary>
    public const string JwkBindingMethod = "jwk";

    /// <summary>The format (<c>format</c>), for example <c>dc+sd-jwt</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The OAuth scope for this configuration (used by the Authorization Code Flow).</summary>
    public string? Scope { get; init; }

    /// <summary>The credential type (<c>vct</c>); required for <c>dc+sd-jwt</c>.</summary>
    public string? Vct { get; init; }

    /// <summary>The W3C credential's types and contexts (<c>credential_definition</c>); required for <c>jwt_vc_json</c> and <c>ldp_vc</c>.</summary>
    public CredentialDefinition? CredentialDefinition { get; init; }

    /// <summary>How the credential is bound to a key (<c>cryptographic_binding_methods_supported</c>), for example <c>jwk</c>; absent when no key binding is required.</summary>
    public IReadOnlyList<string>? CryptographicBindingMethods { get; init; }

    /// <summary>The algorithms the issuer signs credentials with (<c>credential_signing_alg_values_supported</c>).</summary>
    public IReadOnlyList<string>? CredentialSigningAlgorithms { get; init; }

    /// <summary>Accepted key proofs by proof type (<c>proof_types_supported</c>); present exactly when binding methods are.</summary>
    public IReadOnlyDictionary<string, ProofTypeMetadata>? ProofTypes { get; init; }

    /// <summary>Display properties per language (<c>credential_metadata.display</c>).</summary>
    public IReadOnlyList<CredentialDisplay>? Display { get; init; }

    /// <summary>The claims description array (<c>credential_metadata.claims</c>), kept as received.</summary>
    public JsonElement? Claims { get; init; }
}
