using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Credentials.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// Keeps the lists of <see cref="StatusListHostingOptions"/> fresh: decides from each stored token when it must be
/// re-signed, publishes (load, sign, store, and write the file), and remembers per list the failures, the next attempt
/// and the newest token's <c>iat</c> (for the <c>credentials.status_list.publication_age</c> gauge).
/// </summary>
/// <remarks>
/// Several instances may share one store. Publishing is idempotent: each publication signs the statuses it read, and the
/// store keeps the last token saved. After saving, the statuses are read again; when they changed meanwhile (a revocation
/// committed while another instance's older snapshot was being saved), the list is signed again, so a stale snapshot never
/// stays published.
/// </remarks>
internal sealed class StatusListPublisher : IStatusListPublisher, IDisposable
{
    /// <summary>The gauge of the age of the newest published token, per list.</summary>
    public const string PublicationAgeInstrument = "credentials.status_list.publication_age";

    /// <summary>The tag naming the list on the gauge.</summary>
    public const string ListUriTag = "credentials.status_list.uri";

    private const int MaxRounds = 5;
    private const int FailuresBeforeError = 5;
    private static readonly TimeSpan s_minimumGap = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, ListState> _lists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _fileOwners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly StatusListHostingOptions _options;
    private readonly string? _directory;
    private readonly Func<string, string> _fileName;
    private readonly ILogger _logger;
    private readonly Lazy<StatusListTokenIssuer> _tokenIssuer;

    public StatusListPublisher(IOptions<StatusListHostingOptions> options, IServiceProvider services, TimeProvider timeProvider, ILogger<StatusListPublisher> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        TimeProvider = timeProvider;
        Store = _options.Store ?? services.GetService<IStatusListStore>()
            ?? throw new InvalidOperationException("Status list hosting needs a store: set StatusListHostingOptions.Store or register an IStatusListStore (AddSqliteStatusListStore, a PostgreSQL store).");
        if (_options.TokenIssuer is null && _options.Signer is null)
        {
            throw new InvalidOperationException("Set StatusListHostingOptions.Signer or TokenIssuer.");
        }

        // Built when the first token is signed, so that an iss known only once the server listens can be resolved then
        // (a resolver that throws because it is too early is asked again next time: its exception is not cached).
        _tokenIssuer = new Lazy<StatusListTokenIssuer>(
            () => _options.TokenIssuer ?? new StatusListTokenIssuer(
                _options.Signer!,
                new StatusListTokenIssuerOptions
                {
                    TimeProvider = timeProvider,
                    Lifetime = _options.TokenLifetime,
                    TimeToLive = _options.TimeToLive,
                    Issuer = _options.ResolveIssuer is { } resolve ? resolve(services) : _options.Issuer,
                }),
            LazyThreadSafetyMode.PublicationOnly);
        _directory = _options.PublishDirectory is { } directory ? Path.GetFullPath(directory) : null;
        _fileName = _options.PublishFileName ?? StatusListFiles.DefaultFileName;
        foreach (var uri in _options.Lists)
        {
            GetOrAdd(uri);
        }

        meterFactory?.Create(Credentials.Diagnostics.CredentialsTelemetry.MeterName).CreateObservableGauge(
            PublicationAgeInstrument,
            ObservePublicationAge,
            unit: "s",
            description: "Seconds since the iat of the newest Status List Token published, per list.");
    }

    /// <summary>The store of the lists.</summary>
    public IStatusListStore Store { get; }

    /// <summary>Signs the tokens.</summary>
    public StatusListTokenIssuer TokenIssuer => _tokenIssuer.Value;

    /// <summary>The clock that paces the checks.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The fraction of a token's lifetime left when it is re-signed.</summary>
    public double RefreshMargin => _options.RefreshMargin;

    /// <summary>The longest time between two looks at one list.</summary>
    public TimeSpan CheckInterval => _options.CheckInterval;

    /// <summary>Every list kept fresh, in no particular order.</summary>
    public ICollection<string> Lists => _lists.Keys;

    /// <inheritdoc />
    public void RequestPublish(string uri)
    {
        var state = GetOrAdd(uri);
        Volatile.Write(ref state.Requested, 1);
        StatusListLog.Requested(_logger, state.Uri);
        _wake.Writer.TryWrite(true);
    }

    /// <inheritdoc />
    public async ValueTask<string> PublishAsync(string uri, CancellationToken cancellationToken = default)
    {
        var state = GetOrAdd(uri);
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var token = await PublishLockedAsync(state, cancellationToken).ConfigureAwait(false);
            Succeeded(state, TimeProvider.GetUtcNow());
            return token;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Checks (and publishes where due) every list whose next attempt has come or that was requested; returns when to look again.</summary>
    public async Task<DateTimeOffset> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetUtcNow();
        var work = new List<Task>();
        foreach (var state in _lists.Values)
        {
            if (Volatile.Read(ref state.Requested) == 1 || Volatile.Read(ref state.NextAttemptTicks) <= now.UtcTicks)
            {
                work.Add(ProcessAsync(state, now, cancellationToken));
            }
        }

        // One list's failure is handled inside ProcessAsync; the others go on.
        await Task.WhenAll(work).ConfigureAwait(false);

        // The work may have taken long (a store or signer timeout): the next look counts from now, not from the start.
        now = TimeProvider.GetUtcNow();
        var next = now + CheckInterval;
        foreach (var state in _lists.Values)
        {
            if (Volatile.Read(ref state.Requested) == 1)
            {
                return now;
            }

            var attempt = new DateTimeOffset(Volatile.Read(ref state.NextAttemptTicks), TimeSpan.Zero);
            if (attempt < next)
            {
                next = attempt;
            }
        }

        return next;
    }

    /// <summary>Waits until <paramref name="next"/> (at most <see cref="CheckInterval"/>) or until a publication is requested.</summary>
    public async Task WaitAsync(DateTimeOffset next, CancellationToken cancellationToken)
    {
        var delay = next - TimeProvider.GetUtcNow();
        if (delay > CheckInterval)
        {
            delay = CheckInterval;
        }

        if (delay > TimeSpan.Zero && !_wake.Reader.TryRead(out _))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(delay, TimeProvider, wait.Token);
            var wake = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();

            // The clock may have passed the due time while the timer was being set (the timer then counts from later).
            if (TimeProvider.GetUtcNow() < next)
            {
                await Task.WhenAny(timer, wake).ConfigureAwait(false);
            }

            await wait.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ProcessAsync(ListState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var publish = false;
        try
        {
            publish = Interlocked.Exchange(ref state.Requested, 0) == 1 || state.Force;
            if (!publish)
            {
                var current = await Store.GetPublishedTokenAsync(state.Uri, cancellationToken).ConfigureAwait(false);
                var times = current is null ? null : StatusListTokenTimes.TryRead(current);
                var due = times?.RefreshDue(RefreshMargin);
                if (current is not null && times is { } fresh && (due is null || due > now))
                {
                    // Fresh (perhaps published by another instance): mirror it and look again when it is due.
                    Remember(state, fresh);
                    await WriteFileAsync(state, current, cancellationToken).ConfigureAwait(false);
                    StatusListLog.Fresh(_logger, state.Uri, due);
                    Succeeded(state, now);
                    return;
                }

                publish = true;
            }

            await PublishLockedAsync(state, cancellationToken).ConfigureAwait(false);
            Succeeded(state, TimeProvider.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing list (store down, signer unavailable, full disk) is retried; it must not stop the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The backoff counts from the failure: a store or signer timeout may have outlasted the retry delay.
            Failed(state, TimeProvider.GetUtcNow(), publish, ex);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<string> PublishLockedAsync(ListState state, CancellationToken cancellationToken)
    {
        string token = null!;
        var consistent = false;
        for (var round = 1; round <= MaxRounds && !consistent; round++)
        {
            var statuses = await Store.LoadAsync(state.Uri, cancellationToken).ConfigureAwait(false);
            token = await TokenIssuer.IssueAsync(state.Uri, statuses, cancellationToken).ConfigureAwait(false);
            await Store.SavePublishedTokenAsync(state.Uri, token, cancellationToken).ConfigureAwait(false);

            // Another instance may have saved its token just before ours, over newer statuses than ours: sign again
            // until what is stored matches the store's statuses.
            var after = await Store.LoadAsync(state.Uri, cancellationToken).ConfigureAwait(false);
            consistent = SameStatuses(statuses, after);
            if (!consistent)
            {
                StatusListLog.ChangedWhilePublishing(_logger, state.Uri);
            }
        }

        if (!consistent)
        {
            // Still changing: the background service publishes it again at its next turn.
            Volatile.Write(ref state.Requested, 1);
            _wake.Writer.TryWrite(true);
        }

        var times = StatusListTokenTimes.TryRead(token);
        if (times is { } t)
        {
            Remember(state, t);
        }

        StatusListLog.Published(_logger, state.Uri, times?.ExpiresAt);
        await WriteFileAsync(state, token, cancellationToken).ConfigureAwait(false);
        return token;
    }

    private async Task WriteFileAsync(ListState state, string token, CancellationToken cancellationToken)
    {
        if (state.FilePath is null || string.Equals(state.WrittenToken, token, StringComparison.Ordinal))
        {
            return;
        }

        await StatusListFiles.WriteAtomicallyAsync(state.FilePath, token, cancellationToken).ConfigureAwait(false);
        state.WrittenToken = token;
        StatusListLog.FileWritten(_logger, state.Uri, state.FileName!);
    }

    private static bool SameStatuses(StatusListBuilder a, StatusListBuilder b)
        => a.Bits == b.Bits && a.Count == b.Count && a.ToStatusList().Bytes.SequenceEqual(b.ToStatusList().Bytes);

    private static void Remember(ListState state, StatusListTokenTimes times)
    {
        var known = Volatile.Read(ref state.Newest);
        if (known is null || known.Times.IssuedAt <= times.IssuedAt)
        {
            Volatile.Write(ref state.Newest, new Published(times));
        }
    }

    private void Succeeded(ListState state, DateTimeOffset now)
    {
        state.Failures = 0;
        state.Force = false;
        var next = now + CheckInterval;
        if (Volatile.Read(ref state.Newest)?.Times.RefreshDue(RefreshMargin) is { } due && due < next)
        {
            next = due;
        }

        if (next < now + s_minimumGap)
        {
            next = now + s_minimumGap;
        }

        Volatile.Write(ref state.NextAttemptTicks, next.UtcTicks);
    }

    private void Failed(ListState state, DateTimeOffset now, bool publish, Exception exception)
    {
        state.Failures++;
        state.Force |= publish;
        var delay = _options.RetryDelay;
        for (var i = 1; i < state.Failures && delay < _options.MaxRetryDelay; i++)
        {
            delay += delay;
        }

        if (delay > _options.MaxRetryDelay)
        {
            delay = _options.MaxRetryDelay;
        }

        Volatile.Write(ref state.NextAttemptTicks, (now + delay).UtcTicks);
        StatusListLog.PublishFailed(_logger, state.Uri, state.Failures, delay, exception);
        if (state.Failures == FailuresBeforeError)
        {
            StatusListLog.StillFailing(_logger, state.Uri, state.Failures);
        }
    }

    private IEnumerable<Measurement<double>> ObservePublicationAge()
    {
        var now = TimeProvider.GetUtcNow();
        foreach (var state in _lists.Values)
        {
            if (Volatile.Read(ref state.Newest) is { } newest)
            {
                yield return new Measurement<double>((now - newest.Times.IssuedAt).TotalSeconds, new KeyValuePair<string, object?>(ListUriTag, state.Uri));
            }
        }
    }

    public void Dispose()
    {
        foreach (var state in _lists.Values)
        {
            state.Dispose();
        }
    }

    private ListState GetOrAdd(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (_lists.TryGetValue(uri, out var existing))
        {
            return existing;
        }

        if (!StatusReference.IsAbsoluteUri(uri))
        {
            throw new ArgumentException("The Status List URI must be an absolute URI.", nameof(uri));
        }

        string? path = null;
        if (_directory is not null)
        {
            path = StatusListFiles.PathIn(_directory, _fileName(uri));
            var owner = _fileOwners.GetOrAdd(path, uri);
            if (!string.Equals(owner, uri, StringComparison.Ordinal))
            {
                throw new ArgumentException("Two status lists map to the same file name in the publish directory.", nameof(uri));
            }
        }

        return _lists.GetOrAdd(uri, static (key, p) => new ListState(key, p), path);
    }

    private sealed record Published(StatusListTokenTimes Times);

    private sealed class ListState(string uri, string? filePath) : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Requested;
        public long NextAttemptTicks = DateTimeOffset.MinValue.UtcTicks;
        public Published? Newest;
        public bool Force;
        public int Failures;
        public string? WrittenToken;

        public string Uri { get; } = uri;

        public string? FilePath { get; } = filePath;

        public string? FileName { get; } = filePath is null ? null : Path.GetFileName(filePath);

        public void Dispose() => Gate.Dispose();
    }
}
