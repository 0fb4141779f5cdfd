using System;
using Microsoft.Extensions.Logging;

namespace Credentials.PostgreSql;

/// <summary>
/// The package's log messages (event ids 1600–1699). They name schemas, list URIs, hosts and databases, never a
/// connection-string password, a protocol state key or value, or a token.
/// </summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string schema, int from, int to);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "PostgreSQL schema {Schema} is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "Creating or migrating PostgreSQL schema {Schema} on {Host}/{Database} failed")]
    public static partial void SchemaFailed(ILogger logger, string schema, string? host, string? database, Exception exception);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Status List {ListUri} is full: {Allocated} of {Capacity} indices allocated")]
    public static partial void ListFull(ILogger logger, string listUri, long allocated, long capacity);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Debug, Message = "Allocated {Count} status indices in {ListUri} ({Allocated} of {Capacity})")]
    public static partial void Allocated(ILogger logger, int count, string listUri, long allocated, long capacity);

    [LoggerMessage(EventId = 1605, Level = LogLevel.Debug, Message = "Removed {Count} expired protocol state rows from PostgreSQL schema {Schema}")]
    public static partial void RemovedExpired(ILogger logger, int count, string schema);

    [LoggerMessage(EventId = 1606, Level = LogLevel.Information, Message = "PostgreSQL stores use {Host}:{Port}/{Database} as {Username}, schema {Schema}")]
    public static partial void Using(ILogger logger, string? host, int port, string? database, string? username, string schema);

    [LoggerMessage(EventId = 1607, Level = LogLevel.Error, Message = "Checking PostgreSQL schema {Schema} on {Host}/{Database} failed (EnsureSchema is off, nothing was created)")]
    public static partial void SchemaCheckFailed(ILogger logger, string schema, string? host, string? database, Exception exception);
}
