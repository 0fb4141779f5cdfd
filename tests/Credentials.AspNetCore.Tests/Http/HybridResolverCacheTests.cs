using System;
using System.Linq;
using System.Threading.Tasks;
using Credentials.AspNetCore.Http;
using Credentials.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Credentials.AspNetCore.Tests.Http;

/// <summary>The HybridCache-backed resolver cache with keys of every hash (string hashes are negative half the time).</summary>
public sealed class HybridResolverCacheTests
{
    [Fact]
    public async Task ManyKeys_RemovedAndFetched_EveryHashIsAStripe()
    {
        // The registration brings HybridCache with the serializer the resolvers' entries need.
        using var services = new ServiceCollection().AddLogging().AddCredentialResolvers().BuildServiceProvider();
        var cache = new HybridResolverCache(services.GetRequiredService<HybridCache>(), NullLogger<HybridResolverCache>.Instance, "test", TimeSpan.FromMinutes(5));

        // 64 keys: the chance that none has a negative hash is 2^-64.
        var keys = Enumerable.Range(0, 64).Select(i => "credentials:test:" + i).ToArray();
        Assert.Contains(keys, k => StringComparer.Ordinal.GetHashCode(k) < 0);
        foreach (var key in keys)
        {
            await cache.RemoveAsync(key);
        }

        var fetched = 0;
        foreach (var key in keys)
        {
            var entry = await cache.GetOrFetchAsync(key, _ =>
            {
                fetched++;
                return Task.FromResult(new ResolverCacheEntry<string>(key, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddMinutes(1), TimeProvider.System.GetUtcNow().AddMinutes(2)));
            }, refresh: false);
            Assert.Equal(key, entry.Value);
        }

        Assert.Equal(keys.Length, fetched);
    }
}
