using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Credentials.AspNetCore.StatusLists;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Status;
using Credentials.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>Two publishers (two instances) on one shared store: republishing is idempotent, and a stale snapshot never stays published.</summary>
public sealed class StatusListRaceTests : IDisposable
{
    private const string Uri = "https://issuer.example/statuslists/1";
    private readonly SigningKey _key = SigningKey.Create(JwsAlgorithm.Es256, "status-1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task PublishAsync_OlderSnapshotSavedAfterANewerOne_IsSignedAgainWithTheNewerStatuses()
    {
        var shared = new InMemoryStatusListStore();
        await shared.CreateListAsync(Uri, 2, 1024);
        var credential = (await new StatusListIssuer(shared, new StatusListTokenIssuer(_key)).TryAllocateAsync(Uri))!;
        var gated = new GatedSaveStore(shared);
        using var a = Publisher(gated);
        using var b = Publisher(shared);

        // A reads the statuses before the revocation and is held just before saving its token.
        var publishA = a.PublishAsync(Uri).AsTask();
        await gated.SaveReached.Task;
        await new StatusListIssuer(shared, new StatusListTokenIssuer(_key)).RevokeAsync(credential);
        await b.PublishAsync(Uri);
        gated.Release.SetResult();
        var fromA = await publishA;

        var stored = (await shared.GetPublishedTokenAsync(Uri))!;
        Assert.Equal(fromA, stored);
        Assert.Equal(StatusValue.Invalid, (await VerifyAsync(stored)).StatusList.Get(credential.Index));
    }

    [Fact]
    public async Task PublishAsync_TwoInstancesRacingWithRevocations_LastTokenHasEveryRevocation()
    {
        var shared = new InMemoryStatusListStore();
        await shared.CreateListAsync(Uri, 1, 4096);
        var issuer = new StatusListIssuer(shared, new StatusListTokenIssuer(_key));
        var references = await issuer.AllocateManyAsync(Uri, 40);
        using var a = Publisher(new YieldingStore(shared));
        using var b = Publisher(new YieldingStore(shared));

        var work = new List<Task>();
        foreach (var reference in references)
        {
            work.Add(Task.Run(async () =>
            {
                await issuer.RevokeAsync(reference);
                await Task.WhenAll(a.PublishAsync(Uri).AsTask(), b.PublishAsync(Uri).AsTask());
            }));
        }

        await Task.WhenAll(work);

        // A publication that kept seeing changes after its last round asks for another one; let both instances take their turn.
        await a.RunDueAsync(CancellationToken.None);
        await b.RunDueAsync(CancellationToken.None);
        var list = (await VerifyAsync((await shared.GetPublishedTokenAsync(Uri))!)).StatusList;
        Assert.All(references, r => Assert.Equal(StatusValue.Invalid, list.Get(r.Index)));
    }

    [Fact]
    public async Task RunDueAsync_TwoInstancesOnOneStore_SecondSeesTheFreshTokenAndDoesNotSignAgain()
    {
        var shared = new InMemoryStatusListStore();
        await shared.CreateListAsync(Uri, 2, 64);
        var counting = new CountingStore(shared);
        using var a = Publisher(shared);
        using var b = Publisher(counting);

        await a.RunDueAsync(CancellationToken.None);
        var token = await shared.GetPublishedTokenAsync(Uri);
        await b.RunDueAsync(CancellationToken.None);

        Assert.Equal(token, await shared.GetPublishedTokenAsync(Uri));
        Assert.Equal(0, counting.Saves);
    }

    private StatusListPublisher Publisher(IStatusListStore store)
        => new(
            Options.Create(new StatusListHostingOptions { Store = store, Signer = _key, Lists = { Uri } }),
            new ServiceCollection().BuildServiceProvider(),
            _clock,
            NullLogger<StatusListPublisher>.Instance);

    private async Task<StatusListToken> VerifyAsync(string token)
    {
        var verifier = new StatusListTokenVerifier(new StaticIssuerKeyResolver(_key.PublicJwk), new StatusListTokenVerifierOptions { TimeProvider = _clock });
        var result = await verifier.VerifyAsync(token, Uri);
        Assert.True(result.IsValid);
        return result.Value;
    }

    /// <summary>Holds the first save until the test releases it.</summary>
    private sealed class GatedSaveStore(IStatusListStore inner) : DelegatingStore(inner)
    {
        private int _saves;

        public TaskCompletionSource SaveReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _saves) == 1)
            {
                SaveReached.SetResult();
                await Release.Task;
            }

            await base.SavePublishedTokenAsync(uri, token, cancellationToken);
        }
    }

    /// <summary>Yields before every operation, so two publishers interleave.</summary>
    private sealed class YieldingStore(IStatusListStore inner) : DelegatingStore(inner)
    {
        public override async ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await base.LoadAsync(uri, cancellationToken);
        }

        public override async ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            await base.SavePublishedTokenAsync(uri, token, cancellationToken);
        }
    }

    private sealed class CountingStore(IStatusListStore inner) : DelegatingStore(inner)
    {
        private int _saves;

        public int Saves => Volatile.Read(ref _saves);

        public override ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _saves);
            return base.SavePublishedTokenAsync(uri, token, cancellationToken);
        }
    }
}

/// <summary>Passes every call to another store; tests override what they observe.</summary>
internal class DelegatingStore(IStatusListStore inner) : IStatusListStore
{
    public virtual ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default) => inner.CreateListAsync(uri, bits, capacity, cancellationToken);

    public virtual ValueTask<StatusListInfo?> GetListAsync(string uri, CancellationToken cancellationToken = default) => inner.GetListAsync(uri, cancellationToken);

    public virtual ValueTask<long?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default) => inner.TryAllocateAsync(uri, cancellationToken);

    public virtual ValueTask<StatusValue?> GetStatusAsync(string uri, long index, CancellationToken cancellationToken = default) => inner.GetStatusAsync(uri, index, cancellationToken);

    public virtual ValueTask<bool> TryUpdateStatusAsync(string uri, long index, StatusValue expected, StatusValue value, CancellationToken cancellationToken = default)
        => inner.TryUpdateStatusAsync(uri, index, expected, value, cancellationToken);

    public virtual ValueTask<StatusListBuilder> LoadAsync(string uri, CancellationToken cancellationToken = default) => inner.LoadAsync(uri, cancellationToken);

    public virtual ValueTask SavePublishedTokenAsync(string uri, string token, CancellationToken cancellationToken = default) => inner.SavePublishedTokenAsync(uri, token, cancellationToken);

    public virtual ValueTask<string?> GetPublishedTokenAsync(string uri, CancellationToken cancellationToken = default) => inner.GetPublishedTokenAsync(uri, cancellationToken);
}
