using Credentials.Keys;

namespace Credentials.OpenId4Vp;

/// <summary>An Authorization Request that passed every check of <see cref="OpenId4VpRequestReader"/>.</summary>
public sealed record VerifiedAuthorizationRequest
{
    /// <summary>The request.</summary>
    public required AuthorizationRequest Request { get; init; }

    /// <summary>Whether it came in a signed Request Object whose signature verified with the Client's key.</summary>
    public required bool IsSigned { get; init; }

    /// <summary>The key that signed the Request Object (for <c>decentralized_identifier</c>, from the DID document), or <see langword="null"/>.</summary>
    public Jwk? ClientKey { get; init; }

    /// <summary>The <c>kid</c> of the Request Object (a DID URL for <c>decentralized_identifier</c>), or <see langword="null"/>.</summary>
    public string? ClientKeyId { get; init; }
}
