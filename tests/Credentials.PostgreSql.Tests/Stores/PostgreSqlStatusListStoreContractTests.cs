using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.PostgreSql;
using Credentials.Status;
using Credentials.Testing.Stores;
using Npgsql;
using Xunit.Abstractions;

namespace Credentials.PostgreSql.Tests.Stores;

/// <summary>The status list contract on PostgreSQL; "instances" are stores over separate data sources (separate pools).</summary>
public sealed class PostgreSqlStatusListStoreContractTests(ITestOutputHelper output) : StatusListStoreContract(output)
{
    protected override async Task<IStatusListStore> CreateStoreAsync() => (await CreateInstancesAsync(1))[0];

    protected override async Task<IReadOnlyList<IStatusListStore>> CreateInstancesAsync(int count)
    {
        var connectionString = await PostgreSqlTestServer.GetConnectionStringAsync();
        return Enumerable.Range(0, count)
            .Select(_ => (IStatusListStore)new PostgreSqlStatusListStore(Own(NpgsqlDataSource.Create(connectionString))))
            .ToList();
    }
}
