using System;
using Credentials.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Http;

public sealed class BoundedCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-06-15T00:00:00Z"));

    [Fact]
    public void Set_BeyondMaxEntries_DropsTheLeastRecentlyUsed()
    {
        var cache = new BoundedCache<int>(2, _clock);
        cache.Set("a", 1, TimeSpan.FromHours(1));
        cache.Set("b", 2, TimeSpan.FromHours(1));
        Assert.True(cache.TryGet("a", out _)); // a is now more recent than b

        cache.Set("c", 3, TimeSpan.FromHours(1));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void TryGet_AtExpiry_MissesAndDropsTheEntry()
    {
        var cache = new BoundedCache<string>(10, _clock);
        cache.Set("short", "x", TimeSpan.FromMinutes(1));
        cache.Set("long", "y", _clock.GetUtcNow().AddHours(1));

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(cache.TryGet("short", out _));
        Assert.True(cache.TryGet("long", out var value));
        Assert.Equal("y", value);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Set_SameKey_ReplacesValueAndExpiry()
    {
        var cache = new BoundedCache<int>(2, _clock);
        cache.Set("a", 1, TimeSpan.FromMinutes(1));
        cache.Set("a", 2, TimeSpan.FromMinutes(10));

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(2, value);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Set_ExpiryPassedOrNoCapacity_StoresNothing()
    {
        var cache = new BoundedCache<int>(2, _clock);
        var disabled = new BoundedCache<int>(0, _clock);

        cache.Set("past", 1, _clock.GetUtcNow());
        disabled.Set("a", 1, TimeSpan.FromHours(1));

        Assert.False(cache.TryGet("past", out _));
        Assert.Equal(0, disabled.Count);
    }

    [Fact]
    public void RemoveAndClear_DropEntries()
    {
        var cache = new BoundedCache<int>(3, _clock);
        cache.Set("a", 1, TimeSpan.FromHours(1));
        cache.Set("b", 2, TimeSpan.FromHours(1));

        Assert.True(cache.Remove("a"));
        Assert.False(cache.Remove("a"));
        cache.Clear();

        Assert.Equal(0, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<int>(-1, _clock));
    }
}
