using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Authentication;

/// <summary>
/// The log messages of the verifiable presentation handler (event ids 1100–1199). They name transactions by a digest
/// of their id and failures by error code; never a claim value, token, nonce, response code or transaction id.
/// </summary>
internal static partial class PresentationAuthenticationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Scheme {Scheme} started a {Flow} presentation request, transaction {Transaction}")]
    public static partial void ChallengeStarted(ILogger logger, string scheme, PresentationFlow flow, string transaction);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Scheme {Scheme} signed in transaction {Transaction} with {Credentials} credential(s) and {Claims} claim(s)")]
    public static partial void SignedIn(ILogger logger, string scheme, string transaction, int credentials, int claims);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Scheme {Scheme} did not sign in transaction {Transaction}: {Code}")]
    public static partial void Failed(ILogger logger, string scheme, string transaction, string code);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Scheme {Scheme} found no valid transaction cookie at its {Endpoint} endpoint")]
    public static partial void CorrelationFailed(ILogger logger, string scheme, string endpoint);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Scheme {Scheme} refused a second use of transaction {Transaction}")]
    public static partial void Replayed(ILogger logger, string scheme, string transaction);
}
