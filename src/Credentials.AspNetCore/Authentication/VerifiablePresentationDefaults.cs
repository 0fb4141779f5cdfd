namespace Credentials.AspNetCore.Authentication;

/// <summary>Default names of the verifiable presentation authentication scheme.</summary>
public static class VerifiablePresentationDefaults
{
    /// <summary>The default scheme name: <c>VerifiablePresentation</c>.</summary>
    public const string AuthenticationScheme = "VerifiablePresentation";

    /// <summary>The default display name.</summary>
    public const string DisplayName = "Verifiable presentation (OpenID4VP)";

    /// <summary>
    /// The value of the <see cref="System.Security.Claims.ClaimTypes.AuthenticationMethod"/> claim of every identity the
    /// handler signs in: <c>openid4vp</c>, issued by the scheme's claims issuer. The authorization requirements read only
    /// identities whose authentication type is a verifiable presentation scheme and that carry it from that scheme's issuer.
    /// </summary>
    public const string AuthenticationMethod = "openid4vp";

    /// <summary>The claim value type of a claim whose value is a JSON object, array or <c>null</c> (its JSON text): <c>JSON</c>.</summary>
    public const string JsonClaimValueType = "JSON";

    /// <summary>
    /// The <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties"/> item holding the error code of a
    /// failed presentation (for example <c>openid4vp.holder_binding_failed</c> or <c>authentication.presentation_expired</c>),
    /// set on the properties of the failure an <c>OnRemoteFailure</c> handler receives.
    /// </summary>
    public const string ErrorCodeProperty = "credentials.error_code";

    /// <summary>
    /// The <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties"/> item holding every error code of a
    /// failed presentation's error chain, separated by single spaces: the code of <see cref="ErrorCodeProperty"/> first,
    /// then each cause in turn (<see cref="VerificationError.Inner"/>), for example
    /// <c>openid4vp.query_not_satisfied openid4vp.presentation_invalid trust.untrusted_issuer</c>. Lets an app tell an
    /// untrusted issuer from an expired credential; codes only, never a message or a claim value.
    /// </summary>
    public const string ErrorCodesProperty = "credentials.error_codes";
}
