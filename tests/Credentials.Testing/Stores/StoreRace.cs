using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Testing.Stores;

/// <summary>Concurrent callers for the store contract suites.</summary>
public static class StoreRace
{
    /// <summary>
    /// Runs <paramref name="count"/> calls, released together, at most <paramref name="parallelism"/> at a time (all at
    /// once when it is 0), and returns their results in order.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="count">How many calls.</param>
    /// <param name="call">The call, given its number.</param>
    /// <param name="parallelism">How many run at once; 0 for all.</param>
    /// <returns>The results.</returns>
    public static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call, int parallelism = 0)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new SemaphoreSlim(parallelism > 0 ? parallelism : count);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                return await call(i).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
