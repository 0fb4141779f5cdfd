using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Credentials.Wallet.Tests.Storage;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ReadersAndWriter_EightReaderThreadsOneWriterThreadForASecond_AllSucceedAndReadersSeeConsistentState()
    {
        using var temp = new TempWallet();
        using var store = await temp.CreateAsync();
        await store.ImportAsync(Samples.Input("seed"));
        var errors = new ConcurrentBag<string>();
        var readsPerReader = new int[8];
        var imported = 0;
        using var start = new Barrier(9);
        var duration = TimeSpan.FromSeconds(1);

        // Dedicated threads (not the shared thread pool, which other test classes keep busy) calling the async API.
        var writer = new Thread(() =>
        {
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var result = store.ImportAsync(Samples.Input(Samples.Opaque(500))).AsTask().GetAwaiter().GetResult();
                if (result.IsValid)
                {
                    Interlocked.Increment(ref imported);
                }
                else
                {
                    errors.Add("import " + result.Error.Code);
                }
            }
        });
        var readers = Enumerable.Range(0, 8).Select(n => new Thread(() =>
        {
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            var lastCount = 0;
            while (clock.Elapsed < duration)
            {
                var list = store.ListAsync().AsTask().GetAwaiter().GetResult();
                if (!list.IsValid)
                {
                    errors.Add("list " + list.Error.Code);
                    continue;
                }

                // A reader never goes back in time and never sees a half-written credential.
                if (list.Value.Count < lastCount)
                {
                    errors.Add("count went down");
                }

                lastCount = list.Value.Count;
                var get = store.GetAsync(list.Value[^1].Id).AsTask().GetAwaiter().GetResult();
                if (!get.IsValid)
                {
                    errors.Add("get " + get.Error.Code);
                }

                readsPerReader[n]++;
            }
        })).ToArray();
        foreach (var thread in readers.Append(writer))
        {
            thread.Start();
        }

        foreach (var thread in readers.Append(writer))
        {
            thread.Join();
        }

        Assert.Empty(errors);
        Assert.True(imported > 5, $"only {imported} imports");
        Assert.All(readsPerReader, reads => Assert.True(reads > 0));
        Assert.Equal(imported + 1, (await store.ListAsync()).Value.Count);
        Assert.True((await store.CheckIntegrityAsync()).Value);
    }

    [Fact]
    public async Task Writers_SeveralThreadsAndTwoStores_AllWritesLand()
    {
        using var temp = new TempWallet();
        using var a = await temp.CreateAsync();
        using var b = await temp.OpenAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? a : b).ImportAsync(Samples.Input(Samples.Opaque(300))))));

        Assert.All(results, r => Assert.True(r.IsValid, r.Error?.ToString()));
        Assert.Equal(40, (await a.ListAsync()).Value.Count);
    }
}
