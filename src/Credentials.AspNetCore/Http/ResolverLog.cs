using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Http;

/// <summary>
/// The log messages of the resolvers' caches (event ids 1500–1599). They carry the kind of document, the URL's host
/// (or the DID method) and error codes, never a URL's path or query, a token or a key.
/// </summary>
internal static partial class ResolverLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "Fetching {Kind} from {Host}")]
    public static partial void Fetching(ILogger logger, string kind, string host);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Fetching {Kind} from {Host} failed with {Code} (source unavailable: {Unavailable})")]
    public static partial void FetchFailed(ILogger logger, string kind, string host, string code, bool unavailable);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Refreshing {Kind} from {Host}")]
    public static partial void Refreshing(ILogger logger, string kind, string host);
}
