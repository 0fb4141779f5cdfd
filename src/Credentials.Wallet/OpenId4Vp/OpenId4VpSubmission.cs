using Credentials.OpenId4Vp;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vp;

/// <summary>What the wallet sent to the Response URI and what the verifier answered.</summary>
public sealed record OpenId4VpSubmission
{
    /// <summary>The Authorization Response that was posted (a <c>vp_token</c> or an error such as <c>access_denied</c>).</summary>
    public required AuthorizationResponse Response { get; init; }

    /// <summary>The holder service's answer (what was presented, the disclosure log entry), or <see langword="null"/> for an error response.</summary>
    public PresentationResponse? Presentation { get; init; }

    /// <summary>The verifier's HTTP status code (200 when it processed the response).</summary>
    public required int StatusCode { get; init; }

    /// <summary>The <c>redirect_uri</c> the verifier asked the wallet to open (section 8.2), or <see langword="null"/>.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>The verifier's OAuth error when it refused the response, or <see langword="null"/>.</summary>
    public string? VerifierError { get; init; }

    /// <summary>The verifier's <c>error_description</c>, if any.</summary>
    public string? VerifierErrorDescription { get; init; }

    /// <summary>Whether the verifier processed the response (HTTP 200).</summary>
    public bool IsProcessed => StatusCode == 200;
}
