using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Credentials.AspNetCore.Tests.Diagnostics;

/// <summary>
/// Keeps every log record of every category at every level, rendered in full: the formatted message, every state
/// property (structured loggers ship those, not only the message), every scope around it and the exception.
/// </summary>
internal sealed class RenderingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<Record> _records = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<Record> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    internal sealed record Record(string Category, LogLevel Level, EventId EventId, string Text);

    private static void Render(StringBuilder text, object? state)
    {
        text.Append(state).Append(" |");
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var (name, value) in properties)
            {
                text.Append(' ').Append(name).Append('=');
                if (value is System.Collections.IEnumerable items and not string)
                {
                    text.Append('[').AppendJoin(',', items.Cast<object?>()).Append(']');
                }
                else
                {
                    text.Append(value);
                }
            }
        }
    }

    private sealed class Logger(RenderingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder();
            text.Append(eventId.Id).Append(' ').Append(eventId.Name).Append(' ').Append(formatter(state, exception)).Append(" || ");
            Render(text, state);
            owner._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" || scope: ");
                Render(builder, scope);
            }, text);
            if (exception is not null)
            {
                text.Append(" || ").Append(exception);
            }

            lock (owner._records)
            {
                owner._records.Add(new Record(category, logLevel, eventId, text.ToString()));
            }
        }
    }
}
