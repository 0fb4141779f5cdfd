using System;
using System.Threading.Tasks;
using Credentials.AspNetCore.Tests.OpenId4Vci;
using Credentials.Protocols;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Storage;

/// <summary>The in-memory store is bounded: a capacity, expired entries dropped on read and when full.</summary>
public sealed class InMemoryProtocolStateStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Add_FullOfLiveEntries_ThrowsInsteadOfGrowing()
    {
        var store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { Capacity = 3, TimeProvider = _clock });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.TryAddAsync("tx", "k" + i, "v", _clock.GetUtcNow().AddMinutes(5)));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.TryAddAsync("tx", "k3", "v", _clock.GetUtcNow().AddMinutes(5)));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Add_ManyMoreThanCapacityOverTime_NeverHoldsMoreThanCapacity()
    {
        var store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { Capacity = 100, TimeProvider = _clock });
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(await store.TryAddAsync("tx", "k" + i, new string('x', 1000), _clock.GetUtcNow().AddMinutes(5)));
            _clock.Advance(TimeSpan.FromSeconds(6));
            Assert.True(store.Count <= 100);
        }
    }

    [Fact]
    public async Task Get_ExpiredEntry_IsDropped()
    {
        var store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = _clock });
        await store.TryAddAsync("tx", "k", "v", _clock.GetUtcNow().AddMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await store.TryGetAsync("tx", "k", _clock.GetUtcNow()));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task RemoveExpired_RemovesOnlyExpiredAndCounts()
    {
        var store = new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { TimeProvider = _clock });
        await store.TryAddAsync("tx", "old", "v", _clock.GetUtcNow().AddMinutes(1));
        await store.TryAddAsync("tx", "new", "v", _clock.GetUtcNow().AddMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await store.RemoveExpiredAsync(_clock.GetUtcNow()));
        Assert.Equal(1, store.Count);
        Assert.Equal("v", await store.TryConsumeAsync("tx", "new", _clock.GetUtcNow()));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Create_CapacityNotPositive_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryProtocolStateStore(new InMemoryProtocolStateStoreOptions { Capacity = 0 }));
}
