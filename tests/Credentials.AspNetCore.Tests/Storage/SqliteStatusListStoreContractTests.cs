using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Status;
using Credentials.Testing.Stores;
using Xunit.Abstractions;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The status list contract on SQLite; "instances" are stores over the same file, as separate processes would open it.</summary>
public sealed class SqliteStatusListStoreContractTests(ITestOutputHelper output) : StatusListStoreContract(output)
{
    protected override async Task<IStatusListStore> CreateStoreAsync() => (await CreateInstancesAsync(1))[0];

    protected override Task<IReadOnlyList<IStatusListStore>> CreateInstancesAsync(int count)
    {
        var path = Own(new TempDatabase()).Path;
        return Task.FromResult<IReadOnlyList<IStatusListStore>>(Enumerable.Range(0, count).Select(_ => (IStatusListStore)SqliteStatusListStore.ForFile(path)).ToList());
    }
}
