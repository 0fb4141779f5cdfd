using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Hosting;

/// <summary>The log messages of the registrations (event ids 1000–1099). They carry names and public identifiers only.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Built the {Role} '{Name}' for {Identifier}")]
    public static partial void Built(ILogger logger, string role, string name, string identifier);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "No IProtocolStateStore is registered: expired protocol state is not purged")]
    public static partial void NoStoreToPurge(ILogger logger);
}
