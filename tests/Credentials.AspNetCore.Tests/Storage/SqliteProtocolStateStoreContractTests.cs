using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.Protocols;
using Credentials.Testing.Stores;
using Xunit;
using Xunit.Abstractions;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The protocol state contract on SQLite; "instances" are stores over the same file, as separate processes would open it.</summary>
public sealed class SqliteProtocolStateStoreContractTests(ITestOutputHelper output) : ProtocolStateStoreContract(output)
{
    protected override async Task<IProtocolStateStore> CreateStoreAsync() => (await CreateInstancesAsync(1))[0];

    protected override Task<IReadOnlyList<IProtocolStateStore>> CreateInstancesAsync(int count)
    {
        var path = Own(new TempDatabase()).Path;
        return Task.FromResult<IReadOnlyList<IProtocolStateStore>>(Enumerable.Range(0, count).Select(_ => (IProtocolStateStore)new SqliteProtocolStateStore(path)).ToList());
    }

    [Fact]
    public async Task Reopened_KeepsState()
    {
        var path = Own(new TempDatabase()).Path;
        await new SqliteProtocolStateStore(path).TryAddAsync("code", "k1", "v1", Now.AddMinutes(5));

        Assert.Equal("v1", await new SqliteProtocolStateStore(path).TryConsumeAsync("code", "k1", Now));
    }
}
