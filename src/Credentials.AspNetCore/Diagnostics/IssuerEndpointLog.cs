using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Diagnostics;

/// <summary>
/// The OpenID4VCI issuer endpoints' log messages (event ids 1210–1299, listed in <c>specs/observability.md</c>). They
/// carry endpoint names, credential configuration ids, formats, counts and error codes; never a code, token, nonce,
/// proof, PIN, claim value or credential.
/// </summary>
internal static partial class IssuerEndpointLog
{
    [LoggerMessage(EventId = 1210, EventName = "CredentialOfferServed", Level = LogLevel.Debug, Message = "A Credential Offer was served by reference")]
    public static partial void OfferServed(ILogger logger);

    [LoggerMessage(EventId = 1211, EventName = "CredentialOfferNotFound", Level = LogLevel.Information, Message = "A Credential Offer was asked for by reference but is unknown or expired")]
    public static partial void OfferNotFound(ILogger logger);

    [LoggerMessage(EventId = 1220, EventName = "AccessTokenIssued", Level = LogLevel.Information, Message = "The token endpoint issued an access token for grant type {GrantType}")]
    public static partial void TokenIssued(ILogger logger, string grantType);

    [LoggerMessage(EventId = 1230, EventName = "CredentialIssued", Level = LogLevel.Information, Message = "The credential endpoint issued {Count} credential(s) of configuration {ConfigurationId} in format {Format}")]
    public static partial void CredentialIssued(ILogger logger, int count, string configurationId, string format);

    [LoggerMessage(EventId = 1240, EventName = "IssuerRequestRefused", Level = LogLevel.Information, Message = "{Endpoint} refused the request with HTTP {Status} {ErrorCode}")]
    public static partial void RequestRefused(ILogger logger, string endpoint, int status, string errorCode);
}
