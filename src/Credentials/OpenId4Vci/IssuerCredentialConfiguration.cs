using System.Collections.Generic;
using System.Text.Json;

namespace Credentials.OpenId4Vci;

/// <summary>One <c>dc+sd-jwt</c> credential configuration an <see cref="OpenId4VciIssuer"/> offers and issues.</summary>
public sealed record IssuerCredentialConfiguration
{
    /// <summary>The configuration id (the key in <c>credential_configurations_supported</c>), for example <c>ipa_exam_pass_sd_jwt</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The credential type (<c>vct</c>).</summary>
    public required string Vct { get; init; }

    /// <summary>The <c>vct#integrity</c> written into each credential, if the issuer pins its type metadata.</summary>
    public string? VctIntegrity { get; init; }

    /// <summary>The OAuth scope (for the Authorization Code Flow, later); defaults to none.</summary>
    public string? Scope { get; init; }

    /// <summary>Display data per language (<c>credential_metadata.display</c>), for example <c>ja-JP</c> and <c>en-US</c>.</summary>
    public IReadOnlyList<CredentialDisplay>? Display { get; init; }

    /// <summary>The claims description array (<c>credential_metadata.claims</c>), written as given.</summary>
    public JsonElement? Claims { get; init; }
}
