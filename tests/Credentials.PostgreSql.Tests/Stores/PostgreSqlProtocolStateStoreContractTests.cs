using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.PostgreSql;
using Credentials.Protocols;
using Credentials.Testing.Stores;
using Npgsql;
using Xunit.Abstractions;

namespace Credentials.PostgreSql.Tests.Stores;

/// <summary>The protocol state contract on PostgreSQL; "instances" are stores over separate data sources (separate pools).</summary>
public sealed class PostgreSqlProtocolStateStoreContractTests(ITestOutputHelper output) : ProtocolStateStoreContract(output)
{
    protected override async Task<IProtocolStateStore> CreateStoreAsync() => (await CreateInstancesAsync(1))[0];

    protected override async Task<IReadOnlyList<IProtocolStateStore>> CreateInstancesAsync(int count)
    {
        var connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        return Enumerable.Range(0, count)
            .Select(_ => (IProtocolStateStore)new PostgreSqlProtocolStateStore(Own(NpgsqlDataSource.Create(connectionString))))
            .ToList();
    }
}
