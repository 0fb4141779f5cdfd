using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Status;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>The background service of <c>AddStatusLists</c> on a running host driven by a fake clock.</summary>
public sealed class StatusListRefreshTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task RunningHost_FourHoursOfFakeTime_ReSignedBeforeExpiryAndNeverServedExpired()
    {
        var uri = StatusListHostBed.ListUri(1);
        await using var bed = await StatusListHostBed.StartAsync([uri]);
        var first = await bed.WaitForTokenAsync(uri);
        Assert.Equal(StatusListHostBed.Start, StatusListHostBed.Times(first).IssuedAt);

        var seen = new List<StatusListTokenTimes> { StatusListHostBed.Times(first) };
        for (var i = 0; i < 48; i++)
        {
            bed.Clock.Advance(s_step);
            var now = bed.Clock.GetUtcNow();

            // Re-signed at two thirds of the one-hour lifetime (40 min), within one check interval of being due.
            string served = null!;
            await StatusListHostBed.EventuallyAsync(async () =>
            {
                served = await bed.GetServedAsync(1);
                var times = StatusListHostBed.Times(served);
                Assert.True(times.ExpiresAt > now, $"An expired token was served at {now:O}.");
                return times.RefreshDue(StatusListHostingOptions.DefaultRefreshMargin) + s_step > now;
            }, "a re-signed token at " + now.ToString("O"));

            Assert.True((await bed.VerifyAsync(served, uri)).IsValid);
            var current = StatusListHostBed.Times(served);
            if (current != seen[^1])
            {
                Assert.True(current.ExpiresAt > seen[^1].ExpiresAt);
                seen.Add(current);
            }
        }

        // Four hours at one re-signature per 40 minutes: 6, plus the first token (7); a check may land one step late.
        Assert.InRange(seen.Count, 6, 7);
    }

    [Fact]
    public async Task RunningHost_FreshTokenInStore_NotReSignedBeforeItIsDue()
    {
        var uri = StatusListHostBed.ListUri(1);
        await using var bed = await StatusListHostBed.StartAsync([uri]);
        var first = await bed.WaitForTokenAsync(uri);

        for (var i = 0; i < 7; i++)
        {
            bed.Clock.Advance(s_step);
            await Task.Delay(20);
        }

        // 35 minutes: the token is not due yet (40 minutes), so the store still holds the first one.
        Assert.Equal(first, await bed.Store.GetPublishedTokenAsync(uri));
    }

    [Fact]
    public async Task RequestPublish_AfterRevocation_PublishesAtOnceWithoutTheClockMoving()
    {
        var uri = StatusListHostBed.ListUri(1);
        await using var bed = await StatusListHostBed.StartAsync([uri]);
        var first = await bed.WaitForTokenAsync(uri);
        var credential = (await bed.Issuer.TryAllocateAsync(uri))!;

        await bed.Issuer.RevokeAsync(credential);
        bed.Publisher.RequestPublish(uri);
        var second = await bed.WaitForTokenAsync(uri, t => t != first);

        var verified = await bed.VerifyAsync(second, uri);
        Assert.Equal(StatusValue.Invalid, verified.Value.StatusList.Get(credential.Index));
    }

    [Fact]
    public async Task RequestPublish_ListNotConfigured_IsPublishedAndKeptFresh()
    {
        var configured = StatusListHostBed.ListUri(1);
        var later = StatusListHostBed.ListUri(2);
        await using var bed = await StatusListHostBed.StartAsync([configured]);
        await bed.WaitForTokenAsync(configured);
        await bed.Store.CreateListAsync(later, 1, 64);

        bed.Publisher.RequestPublish(later);
        var first = await bed.WaitForTokenAsync(later);
        bed.Clock.Advance(TimeSpan.FromMinutes(45));

        await bed.WaitForTokenAsync(later, t => StatusListHostBed.Times(t).IssuedAt > StatusListHostBed.Times(first).IssuedAt);
    }

    [Fact]
    public async Task FailingList_RetriedWithBackoff_OtherListsPublishedMeanwhile()
    {
        var failing = StatusListHostBed.ListUri(1);
        var healthy = StatusListHostBed.ListUri(2);
        var store = new FlakyStatusListStore(new InMemoryStatusListStore());
        store.FailNext(failing, 3);
        await using var bed = await StatusListHostBed.StartAsync([failing, healthy], store: store);

        await bed.WaitForTokenAsync(healthy);
        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(Failures(bed, failing).Count == 1), "the first failure");
        Assert.Null(await store.Inner.GetPublishedTokenAsync(failing));

        // Backoff 5 s, 10 s, 20 s: the retries come only when those delays have passed.
        bed.Clock.Advance(TimeSpan.FromSeconds(5));
        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(Failures(bed, failing).Count == 2), "the second failure");
        bed.Clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.Equal(2, Failures(bed, failing).Count);
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        await StatusListHostBed.EventuallyAsync(() => Task.FromResult(Failures(bed, failing).Count == 3), "the third failure");
        bed.Clock.Advance(TimeSpan.FromSeconds(20));
        await bed.WaitForTokenAsync(failing);

        var logs = bed.Host.Logs.Entries.Where(e => e.EventId.Id == 1402).ToList();
        Assert.All(logs, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.All(logs, e => Assert.Contains(failing, e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Host.Logs.Entries, e => e.EventId.Id == 1402 && e.Message.Contains(healthy, StringComparison.Ordinal));
        Assert.Contains(bed.Host.Logs.Entries, e => e.EventId.Id == 1401 && e.Message.Contains(failing, StringComparison.Ordinal));
        Assert.DoesNotContain((await store.Inner.GetPublishedTokenAsync(healthy))!, bed.Host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_InvalidOptions_FailsToStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StatusListHostBed.StartAsync(
            [StatusListHostBed.ListUri(1)],
            o => o.CheckInterval = TimeSpan.FromMinutes(30)));

        Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error);
    }

    private static List<CapturedLogs.LogEntry> Failures(StatusListHostBed bed, string uri)
        => [.. bed.Host.Logs.Entries.Where(e => e.EventId.Id == 1402 && e.Message.Contains(uri, StringComparison.Ordinal))];
}

/// <summary>A store whose token operations fail for chosen lists a chosen number of times (a database that is down).</summary>
internal sealed class FlakyStatusListStore(IStatusListStore inner) : IStatusListStore
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);

    public IStatusListStore Inner => inner;

    public void FailNext(string uri, int count)
    {
        lock (_failures)
        {
            _failures[uri] = count;
        }
    }

    public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default) => inner.CreateListAsync(uri, bits, capacity, cancellationToken);

    public ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default) => inner.GetListAsync(uri, cancellationToken);

    public ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default) => inner.TryAllocateAsync(uri, cancellationToken);

    public ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default) => inner.GetStatusAsync(uri, index, cancellationToken);

    public ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
        => inner.TryUpdateStatusAsync(uri, index, expected, value, cancellationToken);

    public ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
    {
        Fail(uri);
        return inner.LoadAsync(uri, cancellationToken);
    }

    public ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default) => inner.SavePublishedTokenAsync(uri, token, cancellationToken);

    public ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default) => inner.GetPublishedTokenAsync(uri, cancellationToken);

    private void Fail(string uri)
    {
        lock (_failures)
        {
            if (_failures.TryGetValue(uri, out var left) && left > 0)
            {
                _failures[uri] = left - 1;
                throw Faults.DiskFull();
            }
        }
    }
}
