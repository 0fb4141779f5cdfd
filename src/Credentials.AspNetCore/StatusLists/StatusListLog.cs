using System;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// The log messages of status list hosting (event ids 1400–1499). They name lists by URI and never carry a token, a
/// status or a key.
/// </summary>
internal static partial class StatusListLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Keeping {Count} status list(s) fresh; checking at least every {Interval}")]
    public static partial void Started(ILogger logger, int count, TimeSpan interval);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Published status list {ListUri}, valid until {ExpiresAt}")]
    public static partial void Published(ILogger logger, string listUri, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Publishing status list {ListUri} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void PublishFailed(ILogger logger, string listUri, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "Status list {ListUri} is fresh; re-signing due at {Due}")]
    public static partial void Fresh(ILogger logger, string listUri, DateTimeOffset? due);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Debug, Message = "Wrote status list {ListUri} to {FileName}")]
    public static partial void FileWritten(ILogger logger, string listUri, string fileName);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Debug, Message = "Publication of status list {ListUri} requested")]
    public static partial void Requested(ILogger logger, string listUri);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Statuses of list {ListUri} changed while it was being published; signing again")]
    public static partial void ChangedWhilePublishing(ILogger logger, string listUri);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Error, Message = "Status list {ListUri} has been failing for {Attempts} attempts")]
    public static partial void StillFailing(ILogger logger, string listUri, int attempts);
}
