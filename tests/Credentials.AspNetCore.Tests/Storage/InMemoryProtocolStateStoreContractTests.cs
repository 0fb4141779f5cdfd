using System.Threading.Tasks;
using Credentials.Protocols;
using Credentials.Testing.Stores;
using Xunit.Abstractions;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The protocol state contract on the in-memory store.</summary>
public sealed class InMemoryProtocolStateStoreContractTests(ITestOutputHelper output) : ProtocolStateStoreContract(output)
{
    protected override Task<IProtocolStateStore> CreateStoreAsync() => Task.FromResult<IProtocolStateStore>(new InMemoryProtocolStateStore());
}
