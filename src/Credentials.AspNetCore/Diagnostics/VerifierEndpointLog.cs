using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Diagnostics;

/// <summary>
/// The OpenID4VP verifier endpoints' log messages (event ids 1300–1399, listed in <c>specs/observability.md</c>).
/// Transactions are named by <see cref="LogDigest"/> of their secret id (computed only when the message is enabled);
/// messages carry error codes, never a presentation, nonce, state, claim value or the wallet's own error text.
/// </summary>
internal static partial class VerifierEndpointLog
{
    public static void PresentationAccepted(ILogger logger, string endpoint, string transactionId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var digest = LogDigest.Of(transactionId);
            Accepted(logger, endpoint, digest);
        }
    }

    public static void PresentationRejected(ILogger logger, string endpoint, string transactionId, string errorCode)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            var digest = LogDigest.Of(transactionId);
            Rejected(logger, endpoint, digest, errorCode);
        }
    }

    public static void WalletError(ILogger logger, string endpoint, string transactionId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var digest = LogDigest.Of(transactionId);
            WalletErrorReceived(logger, endpoint, digest);
        }
    }

    public static void DcApiRequestCreated(ILogger logger, string endpoint, string transactionId, bool signed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var digest = LogDigest.Of(transactionId);
            DcApiCreated(logger, endpoint, digest, signed);
        }
    }

    [LoggerMessage(EventId = 1300, EventName = "PresentationAccepted", Level = LogLevel.Information, Message = "{Endpoint} accepted the presentation of transaction {TransactionDigest}")]
    private static partial void Accepted(ILogger logger, string endpoint, string transactionDigest);

    [LoggerMessage(EventId = 1301, EventName = "PresentationRejected", Level = LogLevel.Warning, Message = "{Endpoint} rejected the presentation of transaction {TransactionDigest}: {ErrorCode}")]
    private static partial void Rejected(ILogger logger, string endpoint, string transactionDigest, string errorCode);

    [LoggerMessage(EventId = 1302, EventName = "WalletErrorReceived", Level = LogLevel.Information, Message = "{Endpoint} received an error response from the wallet for transaction {TransactionDigest}")]
    private static partial void WalletErrorReceived(ILogger logger, string endpoint, string transactionDigest);

    [LoggerMessage(EventId = 1303, EventName = "PresentationResponseRefused", Level = LogLevel.Information, Message = "{Endpoint} refused a response that belongs to no pending transaction: {ErrorCode}")]
    public static partial void ResponseRefused(ILogger logger, string endpoint, string errorCode);

    [LoggerMessage(EventId = 1310, EventName = "RequestObjectServed", Level = LogLevel.Debug, Message = "{Endpoint} served a signed Request Object")]
    public static partial void RequestObjectServed(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1311, EventName = "RequestObjectRefused", Level = LogLevel.Information, Message = "{Endpoint} answered HTTP {Status} {ErrorCode} instead of a Request Object")]
    public static partial void RequestObjectRefused(ILogger logger, string endpoint, int status, string errorCode);

    [LoggerMessage(EventId = 1320, EventName = "DcApiRequestCreated", Level = LogLevel.Information, Message = "{Endpoint} created Digital Credentials API transaction {TransactionDigest} (signed: {Signed})")]
    private static partial void DcApiCreated(ILogger logger, string endpoint, string transactionDigest, bool signed);
}
