using System;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Internal;

/// <summary>
/// The log messages of the hosted endpoints. They carry endpoint names, error codes and exception types, never codes,
/// tokens, nonces, PINs, presentations or claim values. Event ids 1200–1209, stable (listed in <c>specs/observability.md</c>).
/// </summary>
internal static partial class EndpointLog
{
    [LoggerMessage(EventId = 1200, EventName = "EndpointFailed", Level = LogLevel.Error, Message = "{Endpoint} failed and answered server_error")]
    public static partial void EndpointFailed(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(EventId = 1201, EventName = "RequestRefused", Level = LogLevel.Information, Message = "{Endpoint} refused a request with HTTP {Status} {Error}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string endpoint, int status, string error, string reason);

    [LoggerMessage(EventId = 1202, EventName = "EndpointAnswered", Level = LogLevel.Debug, Message = "{Endpoint} answered HTTP {Status} {Code}")]
    public static partial void Answered(ILogger logger, string endpoint, int status, string? code);

    [LoggerMessage(EventId = 1203, EventName = "ProtocolStateCleanupFailed", Level = LogLevel.Warning, Message = "Removing expired protocol state failed; retrying in {Interval}")]
    public static partial void CleanupFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 1204, EventName = "ProtocolStateCleanedUp", Level = LogLevel.Debug, Message = "Removed {Count} expired protocol state entries")]
    public static partial void CleanedUp(ILogger logger, int count);
}
