using System.Threading.Tasks;
using Credentials.Status;
using Credentials.Testing.Stores;
using Xunit.Abstractions;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The status list contract on the in-memory store.</summary>
public sealed class InMemoryStatusListStoreContractTests(ITestOutputHelper output) : StatusListStoreContract(output)
{
    protected override Task<IStatusListStore> CreateStoreAsync() => Task.FromResult<IStatusListStore>(new InMemoryStatusListStore());
}
