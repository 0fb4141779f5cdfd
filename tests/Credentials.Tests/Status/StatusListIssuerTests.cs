using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Credentials.Status;
using Xunit;

namespace Credentials.Tests.Status;

public sealed class StatusListIssuerTests : IDisposable
{
    private readonly StatusTestSupport _s = new();
    private readonly InMemoryStatusListStore _store = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task TryAllocateAsync_TenThousandAllocations_NeverRepeatAndThenExhaust()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 10_000);
        var seen = new HashSet<long>();

        for (var i = 0; i < 10_000; i++)
        {
            var reference = await manager.TryAllocateAsync(StatusTestSupport.ListUri);
            Assert.NotNull(reference);
            Assert.InRange(reference.Index, 0, 9_999);
            Assert.True(seen.Add(reference.Index));
        }

        Assert.Null(await manager.TryAllocateAsync(StatusTestSupport.ListUri));
        Assert.Equal(10_000, (await _store.GetListAsync(StatusTestSupport.ListUri))!.Allocated);
    }

    [Fact]
    public async Task TryAllocateAsync_FirstAllocations_AreNotSequential()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 1_000_000);
        var indices = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            indices.Add((await manager.TryAllocateAsync(StatusTestSupport.ListUri))!.Index);
        }

        // Sequential or sorted allocation would reveal issuance order; 20 random draws from 10^6 are sorted with probability 1/20!.
        Assert.NotEqual(indices.OrderBy(i => i).ToList(), indices);
        Assert.True(indices.Max() > 1000);
    }

    [Fact]
    public async Task RevokeAsync_ThenPublish_TokenShowsInvalid()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 2, 1000);
        var reference = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;
        var other = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;

        await manager.RevokeAsync(reference);
        var token = await manager.PublishAsync(StatusTestSupport.ListUri);

        var verified = await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri);
        Assert.Equal(StatusValue.Invalid, verified.Value.StatusList.Get(reference.Index));
        Assert.Equal(StatusValue.Valid, verified.Value.StatusList.Get(other.Index));
        Assert.Equal(token, await _store.GetPublishedTokenAsync(StatusTestSupport.ListUri));
    }

    [Fact]
    public async Task SuspendAsync_ThenUnsuspend_ReturnsToValid()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 2, 100);
        var reference = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;

        await manager.SuspendAsync(reference);
        Assert.Equal(StatusValue.Suspended, await manager.GetStatusAsync(reference));

        await manager.UnsuspendAsync(reference);
        Assert.Equal(StatusValue.Valid, await manager.GetStatusAsync(reference));
    }

    [Fact]
    public async Task RevokeAsync_IsFinal_SuspendAndUnsuspendThrow()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 2, 100);
        var reference = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;
        await manager.SuspendAsync(reference);
        await manager.RevokeAsync(reference);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.UnsuspendAsync(reference));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.SuspendAsync(reference));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.SetStatusAsync(reference, StatusValue.Valid));
        await manager.RevokeAsync(reference);
        Assert.Equal(StatusValue.Invalid, await manager.GetStatusAsync(reference));
    }

    [Fact]
    public async Task SuspendAsync_OneBitList_Throws()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 100);
        var reference = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.SuspendAsync(reference));
        Assert.Equal(StatusValue.Valid, await manager.GetStatusAsync(reference));
    }

    [Fact]
    public async Task RevokeAsync_UnallocatedIndex_Throws()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 100);

        await Assert.ThrowsAsync<ArgumentException>(async () => await manager.RevokeAsync(new StatusReference(StatusTestSupport.ListUri, 5)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await manager.RevokeAsync(new StatusReference("https://issuer.example/none", 5)));
    }

    [Fact]
    public async Task CreateListAsync_SameUriOtherSettings_Throws()
    {
        var manager = Manager();
        Assert.True(await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 100));
        Assert.False(await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 100));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await manager.CreateListAsync(StatusTestSupport.ListUri, 2, 100));
    }

    [Fact]
    public async Task SetStatusAsync_ApplicationSpecificValue_IsPublished()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 4, 100);
        var reference = (await manager.TryAllocateAsync(StatusTestSupport.ListUri))!;

        await manager.SetStatusAsync(reference, new StatusValue(0x0C));
        var token = await manager.PublishAsync(StatusTestSupport.ListUri);

        Assert.Equal(new StatusValue(0x0C), (await _s.Verifier().VerifyAsync(token, StatusTestSupport.ListUri)).Value.StatusList.Get(reference.Index));
    }

    [Fact]
    public async Task TryAllocateAsync_ParallelCallers_AllDistinct()
    {
        var manager = Manager();
        await manager.CreateListAsync(StatusTestSupport.ListUri, 1, 512);

        var results = await Task.WhenAll(Enumerable.Range(0, 600).Select(_ => Task.Run(async () => await manager.TryAllocateAsync(StatusTestSupport.ListUri))));

        var allocated = results.Where(r => r is not null).Select(r => r!.Index).ToList();
        Assert.Equal(512, allocated.Count);
        Assert.Equal(512, allocated.Distinct().Count());
    }

    private StatusListIssuer Manager() => new(_store, _s.Issuer());
}
