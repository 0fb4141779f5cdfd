namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The claim types the handler adds besides the disclosed claims (whose claim type is the claim's path, for example
/// <c>age_over_20</c> or <c>address.locality</c>).
/// </summary>
public static class VerifiablePresentationClaimTypes
{
    /// <summary>The credential's type: the SD-JWT VC <c>vct</c>, the mdoc <c>doctype</c>, or each W3C <c>type</c>. Claim type <c>credential_type</c>.</summary>
    public const string CredentialType = "credential_type";

    /// <summary>The verified issuer of the credential. Claim type <c>credential_issuer</c>; every claim's <see cref="System.Security.Claims.Claim.Issuer"/> is it too.</summary>
    public const string CredentialIssuer = "credential_issuer";

    /// <summary>The Credential Format Identifier, for example <c>dc+sd-jwt</c>. Claim type <c>credential_format</c>.</summary>
    public const string CredentialFormat = "credential_format";
}
