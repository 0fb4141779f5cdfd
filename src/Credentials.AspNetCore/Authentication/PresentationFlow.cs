namespace Credentials.AspNetCore.Authentication;

/// <summary>How a challenge hands the OpenID4VP request to the wallet (OpenID4VP 1.0 section 13.1).</summary>
public enum PresentationFlow
{
    /// <summary>
    /// A page with the request as a QR code (and as a link for a wallet on the same device) that polls the handler's
    /// status endpoint and completes the sign-in once the wallet has answered. The verifier must not have a
    /// <c>RedirectUri</c>.
    /// </summary>
    CrossDevice,

    /// <summary>
    /// A redirect to the wallet's authorization URL; the wallet's answer redirects the browser to the verifier's
    /// <c>RedirectUri</c> with a <c>response_code</c> (section 8.2), which must be the handler's <c>CallbackPath</c>.
    /// </summary>
    SameDevice,
}
