using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>One <see cref="NpgsqlDataSource"/> (one connection pool) per connection string, shared by the stores of a container and disposed with it
/// (synchronously too: <c>ServiceProvider.Dispose()</c> refuses singletons that are only <see cref="IAsyncDisposable"/>).</summary>
internal sealed class PostgreSqlDataSources(ILoggerFactory? loggerFactory) : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionString)
        => _sources.GetOrAdd(connectionString, cs => new Lazy<NpgsqlDataSource>(() =>
        {
            var builder = new NpgsqlDataSourceBuilder(cs);
            if (loggerFactory is not null)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            return builder.Build();
        })).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated)
            {
                await source.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            if (source.IsValueCreated)
            {
                source.Value.Dispose();
            }
        }
    }
}
