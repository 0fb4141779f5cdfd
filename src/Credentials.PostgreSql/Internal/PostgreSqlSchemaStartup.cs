using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credentials.PostgreSql;

/// <summary>
/// Creates or migrates the schema of every registered PostgreSQL store when the host starts (or, with
/// <see cref="PostgreSqlStoreOptions.EnsureSchema"/> off, only checks its version), so a database that is unreachable,
/// a role without rights or a schema at the wrong version stops the start-up instead of the first request.
/// </summary>
internal sealed class PostgreSqlSchemaStartup(PostgreSqlStoreRegistrations registrations, System.IServiceProvider services, ILogger<PostgreSqlSchemaStartup>? logger = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (connectionString, schema) in registrations.Snapshot())
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            PostgreSqlLog.Using(logger ?? (ILogger)NullLogger.Instance, builder.Host, builder.Port, builder.Database, builder.Username, schema);
        }

        if (services.GetService<PostgreSqlProtocolStateStore>() is { } state)
        {
            await state.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        if (services.GetService<PostgreSqlStatusListStore>() is { } lists)
        {
            await lists.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
