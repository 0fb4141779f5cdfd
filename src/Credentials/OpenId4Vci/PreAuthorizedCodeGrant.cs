namespace Credentials.OpenId4Vci;

/// <summary>The <c>urn:ietf:params:oauth:grant-type:pre-authorized_code</c> grant of a Credential Offer (OpenID4VCI 1.0 section 4.1.1).</summary>
public sealed record PreAuthorizedCodeGrant
{
    /// <summary>The Pre-Authorized Code (short-lived, single use). A secret: never log it.</summary>
    public required string PreAuthorizedCode { get; init; }

    /// <summary>The Transaction Code requirement, when the Token Request needs one.</summary>
    public TransactionCodeRequirement? TxCode { get; init; }

    /// <summary>The Authorization Server to use when the issuer metadata lists several.</summary>
    public string? AuthorizationServer { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"PreAuthorizedCodeGrant(tx_code={(TxCode is null ? "no" : "yes")})";
}
