using System.Collections.Generic;

namespace Credentials.OpenId4Vci;

/// <summary>
/// The <c>credential_definition</c> of a <c>jwt_vc_json</c> or <c>ldp_vc</c> credential configuration (OpenID4VCI 1.0
/// appendix A.1.1.2 and A.1.2.2): the W3C credential types and, for <c>ldp_vc</c>, the JSON-LD contexts.
/// </summary>
public sealed record CredentialDefinition
{
    /// <summary>The credential's <c>type</c> values, for example <c>VerifiableCredential</c> and <c>OpenBadgeCredential</c>.</summary>
    public required IReadOnlyList<string> Type { get; init; }

    /// <summary>The credential's <c>@context</c> values; required for <c>ldp_vc</c>, absent for <c>jwt_vc_json</c>.</summary>
    public IReadOnlyList<string>? Context { get; init; }
}
