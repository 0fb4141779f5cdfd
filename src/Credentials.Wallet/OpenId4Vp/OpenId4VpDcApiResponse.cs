using System.Text.Json;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vp;

/// <summary>
/// The wallet's answer to a Digital Credentials API request (OpenID4VP 1.0 Appendix A.4): the <c>data</c> object the
/// platform returns to the page in the <c>DigitalCredential</c>.
/// </summary>
public sealed record OpenId4VpDcApiResponse
{
    /// <summary>
    /// The <c>data</c>: <c>{"vp_token": {…}}</c> (<c>dc_api</c>), <c>{"response": "&lt;JWE&gt;"}</c> (<c>dc_api.jwt</c>), or
    /// <c>{"error": "access_denied"}</c> when the user denied or nothing matched.
    /// </summary>
    public required JsonElement Data { get; init; }

    /// <summary>The holder service's answer (what was presented, the disclosure log entry), or <see langword="null"/> for an error response.</summary>
    public PresentationResponse? Presentation { get; init; }

    /// <summary>Whether the answer is an error response (nothing presented).</summary>
    public bool IsError => Presentation is null || Presentation.IsDenied;
}
