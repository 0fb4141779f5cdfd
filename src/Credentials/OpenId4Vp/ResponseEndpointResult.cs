namespace Credentials.OpenId4Vp;

/// <summary>
/// What the response endpoint answers the wallet (section 8.2): HTTP 200 with a JSON object (empty, or with
/// <c>redirect_uri</c>) once the response is processed, otherwise HTTP 400 with an OAuth error.
/// </summary>
public sealed record ResponseEndpointResult
{
    /// <summary>The HTTP status code: 200 or 400.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The <c>redirect_uri</c> for the wallet, or <see langword="null"/>.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>The OAuth error for a 400, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>The <c>error_description</c> for a 400 (no personal data).</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>The library's code for a 400 or a rejected response.</summary>
    public ErrorCode? Code { get; init; }

    /// <summary>The transaction the response belonged to, when the <c>state</c> was known.</summary>
    public string? TransactionId { get; init; }
}
