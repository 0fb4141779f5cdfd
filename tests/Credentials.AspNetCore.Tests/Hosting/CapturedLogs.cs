using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Hosting;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every entry, to assert what a server logged (and did not).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<LogEntry> Errors => [.. Entries.Where(e => e.Level >= LogLevel.Error)];

    /// <summary>Everything logged, as one text (messages and exceptions), to check that no secret appears in it.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => e.Message + " " + e.Exception));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
            }
        }
    }
}
