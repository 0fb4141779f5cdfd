using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Status;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// The issuer side of the W3C Bitstring Status List: creates lists, allocates random indices for new credentials
/// (<see cref="BitstringStatusListEntry"/>), revokes, suspends or sets message statuses, and builds the unsigned
/// <c>BitstringStatusListCredential</c> to secure (Data Integrity or <c>vc+jwt</c>) and publish. State lives in an
/// <see cref="IStatusListStore"/>, the same store the IETF Token Status List uses; a bitstring list is one store list per
/// status purpose, keyed by its credential URL. Thread-safe.
/// </summary>
/// <remarks>
/// Store lists have 1, 2, 4 or 8 bits per entry, so those are the status sizes this issuer creates; verifiers read any
/// size up to <see cref="BitstringStatusList.MaxStatusSize"/>.
/// </remarks>
public sealed class BitstringStatusListIssuer
{
    private const int MaxUpdateAttempts = 16;
    private readonly IStatusListStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an issuer over a store.</summary>
    /// <param name="store">Where lists, allocations and statuses are kept.</param>
    /// <param name="timeProvider">The clock for <c>validFrom</c>; the system clock by default.</param>
    public BitstringStatusListIssuer(IStatusListStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a list, unless one with the same size and capacity exists.</summary>
    /// <param name="statusListCredential">The URL the list's credential will be published at.</param>
    /// <param name="statusSize">Bits per entry: 1 (revocation, suspension, refresh), or 2, 4 or 8 for <c>message</c> lists.</param>
    /// <param name="capacity">
    /// How many indices may be allocated. The bitstring is never shorter than 16 KB whatever the capacity, so
    /// verifiers' herd-privacy minimum (131,072 entries, section 3.2) holds for one-bit lists.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when created.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is not 1, 2, 4 or 8, or the capacity is not positive or too large.</exception>
    public ValueTask<bool> CreateListAsync(Uri statusListCredential, int statusSize = 1, long capacity = BitstringStatusList.MinimumEntries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        if (statusSize is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(statusSize), statusSize, "Lists are created with 1, 2, 4 or 8 bits per entry.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity * statusSize / 8, (long)BitstringStatusList.DefaultMaxBytes, nameof(capacity));
        return _store.CreateListAsync(Key(statusListCredential), statusSize, capacity, cancellationToken);
    }

    /// <summary>
    /// Allocates a fresh random index for a new credential and returns its <c>credentialStatus</c> entry, or
    /// <see langword="null"/> when the list is full.
    /// </summary>
    /// <param name="statusListCredential">The list's URL.</param>
    /// <param name="statusPurpose">The entry's purpose (<see cref="BitstringStatusPurposes"/>).</param>
    /// <param name="statusMessages">For lists of more than one bit: one message per possible value (section 2.1).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist, or the messages do not match its size.</exception>
    public async ValueTask<BitstringStatusListEntry?> TryAllocateAsync(Uri statusListCredential, string statusPurpose, IReadOnlyList<BitstringStatusMessage>? statusMessages = null, CancellationToken cancellationToken = default)
    {
        var entries = await AllocateManyAsync(statusListCredential, statusPurpose, 1, statusMessages, cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }

    /// <summary>Allocates fresh random indices for a batch of new credentials at once, or fewer when the list fills up.</summary>
    /// <param name="statusListCredential">The list's URL.</param>
    /// <param name="statusPurpose">The entries' purpose.</param>
    /// <param name="count">How many credentials.</param>
    /// <param name="statusMessages">For lists of more than one bit: one message per possible value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries, one per credential.</returns>
    /// <exception cref="ArgumentException">The list does not exist, or the messages do not match its size.</exception>
    public async ValueTask<IReadOnlyList<BitstringStatusListEntry>> AllocateManyAsync(Uri statusListCredential, string statusPurpose, int count, IReadOnlyList<BitstringStatusMessage>? statusMessages = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        ArgumentException.ThrowIfNullOrEmpty(statusPurpose);
        var info = await GetInfoAsync(statusListCredential, cancellationToken).ConfigureAwait(false);
        var messages = statusMessages is null ? [] : System.Collections.Immutable.ImmutableArray.CreateRange(statusMessages);
        if (info.Bits > 1 ? messages.Length != 1 << info.Bits : messages.Length is not (0 or 2))
        {
            // Section 2.1: statusMessage has one element per possible value, and is required above one bit.
            throw new ArgumentException($"A list of {info.Bits} bit(s) per entry needs {(info.Bits > 1 ? (1 << info.Bits).ToString(CultureInfo.InvariantCulture) : "no or 2")} status messages.", nameof(statusMessages));
        }

        if (statusPurpose == BitstringStatusPurposes.Message && info.Bits == 1 && messages.IsEmpty)
        {
            throw new ArgumentException("A message entry needs its status messages.", nameof(statusMessages));
        }

        var indices = await _store.AllocateManyAsync(info.Uri, count, cancellationToken).ConfigureAwait(false);
        var entries = new BitstringStatusListEntry[indices.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new BitstringStatusListEntry(statusPurpose, indices[i], statusListCredential)
            {
                Id = new Uri(info.Uri + "#" + indices[i].ToString(CultureInfo.InvariantCulture)),
                StatusSize = info.Bits,
                StatusMessages = messages,
            };
        }

        return entries;
    }

    /// <summary>Reads the current (unpublished) status value of an allocated entry.</summary>
    /// <param name="entry">The credential's entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    public async ValueTask<int> GetStatusAsync(BitstringStatusListEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = await _store.GetStatusAsync(Key(entry.StatusListCredential), entry.StatusListIndex, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("The index has not been allocated.", nameof(entry));
        return value.Value;
    }

    /// <summary>Revokes a credential: sets its bit in a <c>revocation</c> list. Final (section 2.1); revoking twice is harmless.</summary>
    /// <param name="entry">The credential's <c>revocation</c> entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The entry is not a revocation entry, the list does not exist or the index was never allocated.</exception>
    public ValueTask RevokeAsync(BitstringStatusListEntry entry, CancellationToken cancellationToken = default)
        => ChangeAsync(RequirePurpose(entry, BitstringStatusPurposes.Revocation), 1, cancellationToken);

    /// <summary>Suspends a credential: sets its bit in a <c>suspension</c> list. Suspending twice is harmless.</summary>
    /// <param name="entry">The credential's <c>suspension</c> entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The entry is not a suspension entry, the list does not exist or the index was never allocated.</exception>
    public ValueTask SuspendAsync(BitstringStatusListEntry entry, CancellationToken cancellationToken = default)
        => ChangeAsync(RequirePurpose(entry, BitstringStatusPurposes.Suspension), 1, cancellationToken);

    /// <summary>Lifts a suspension: clears its bit in a <c>suspension</c> list (section 2.1: suspension is reversible).</summary>
    /// <param name="entry">The credential's <c>suspension</c> entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The entry is not a suspension entry, the list does not exist or the index was never allocated.</exception>
    public ValueTask UnsuspendAsync(BitstringStatusListEntry entry, CancellationToken cancellationToken = default)
        => ChangeAsync(RequirePurpose(entry, BitstringStatusPurposes.Suspension), 0, cancellationToken);

    /// <summary>Sets any value that fits the entry's size (for <c>message</c> and <c>refresh</c> entries).</summary>
    /// <param name="entry">The credential's entry.</param>
    /// <param name="status">The new value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    /// <exception cref="InvalidOperationException">A revoked (or refreshed) entry would be cleared: those statuses are not reversible.</exception>
    public ValueTask SetStatusAsync(BitstringStatusListEntry entry, int status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ChangeAsync(entry, status, cancellationToken);
    }

    /// <summary>
    /// Builds the unsigned <c>BitstringStatusListCredential</c> (section 2.2) with the current statuses (section 3.1,
    /// Generate). Secure it with Data Integrity or <c>vc+jwt</c>, then store it with <see cref="SavePublishedAsync"/>.
    /// </summary>
    /// <param name="statusListCredential">The list's URL (the credential's <c>id</c>).</param>
    /// <param name="issuer">The issuer's id (a URL or DID).</param>
    /// <param name="statusPurpose">The purpose the list serves, as its entries name it.</param>
    /// <param name="validUntil">When verifiers should stop trusting this copy; none by default.</param>
    /// <param name="timeToLive">The <c>ttl</c>: how long before verifiers should fetch again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    public async ValueTask<JsonObject> CreateStatusListCredentialAsync(Uri statusListCredential, string issuer, string statusPurpose, DateTimeOffset? validUntil = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(statusPurpose);
        var info = await GetInfoAsync(statusListCredential, cancellationToken).ConfigureAwait(false);
        var stored = await _store.LoadAsync(info.Uri, cancellationToken).ConfigureAwait(false);
        var bitstring = new BitstringStatusListBuilder(info.Bits, Math.Max(info.Capacity, BitstringStatusList.MinimumEntries));
        var entries = Math.Min(stored.Count, bitstring.Length);
        for (long i = 0; i < entries; i++)
        {
            var value = stored.Get(i).Value;
            if (value != 0)
            {
                bitstring.Set(i, value);
            }
        }

        var validFrom = _timeProvider.GetUtcNow();
        var subject = new JsonObject
        {
            ["id"] = statusListCredential.OriginalString + "#list",
            ["type"] = "BitstringStatusList",
            ["statusPurpose"] = statusPurpose,
            ["encodedList"] = bitstring.Encode(),
        };
        if (timeToLive is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ttl.Ticks, nameof(timeToLive));
            subject["ttl"] = (long)ttl.TotalMilliseconds;
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = statusListCredential.OriginalString,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = FormatDate(validFrom),
        };
        if (validUntil is { } until)
        {
            if (until <= validFrom)
            {
                throw new ArgumentOutOfRangeException(nameof(validUntil), "validUntil must be after validFrom (now).");
            }

            credential["validUntil"] = FormatDate(until);
        }

        credential["credentialSubject"] = subject;
        return credential;
    }

    /// <summary>Stores the secured status list credential to serve at the list's URL, replacing the previous one.</summary>
    /// <param name="statusListCredential">The list's URL.</param>
    /// <param name="securedCredential">The secured credential as served: Data Integrity JSON or a <c>vc+jwt</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    public ValueTask SavePublishedAsync(Uri statusListCredential, string securedCredential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        ArgumentException.ThrowIfNullOrEmpty(securedCredential);
        return _store.SavePublishedTokenAsync(Key(statusListCredential), securedCredential, cancellationToken);
    }

    /// <summary>Reads the secured status list credential to serve, or <see langword="null"/> when none has been published.</summary>
    /// <param name="statusListCredential">The list's URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public ValueTask<string?> GetPublishedAsync(Uri statusListCredential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statusListCredential);
        return _store.GetPublishedTokenAsync(Key(statusListCredential), cancellationToken);
    }

    private static string Key(Uri statusListCredential) => statusListCredential.OriginalString;

    private static string FormatDate(DateTimeOffset time)
        => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static BitstringStatusListEntry RequirePurpose(BitstringStatusListEntry entry, string purpose)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.StatusPurpose != purpose)
        {
            throw new ArgumentException($"The entry's purpose is '{entry.StatusPurpose}', not '{purpose}'.", nameof(entry));
        }

        return entry;
    }

    private async ValueTask<StatusListInfo> GetInfoAsync(Uri statusListCredential, CancellationToken cancellationToken)
        => await _store.GetListAsync(Key(statusListCredential), cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("No status list exists with this URL.", nameof(statusListCredential));

    private async ValueTask ChangeAsync(BitstringStatusListEntry entry, int status, CancellationToken cancellationToken)
    {
        var uri = Key(entry.StatusListCredential);
        var info = await GetInfoAsync(entry.StatusListCredential, cancellationToken).ConfigureAwait(false);
        if (status < 0 || status >= 1 << info.Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"The value does not fit a list of {info.Bits} bit(s) per entry.");
        }

        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = await _store.GetStatusAsync(uri, entry.StatusListIndex, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException("The index has not been allocated.", nameof(entry));
            if (current.Value == status)
            {
                return;
            }

            // Section 2.1: revocation and refresh are not reversible.
            if (current.Value != 0 && entry.StatusPurpose is BitstringStatusPurposes.Revocation or BitstringStatusPurposes.Refresh)
            {
                throw new InvalidOperationException($"A {entry.StatusPurpose} status is not reversible.");
            }

            if (await _store.TryUpdateStatusAsync(uri, entry.StatusListIndex, current, new StatusValue((byte)status), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException("The status kept changing concurrently; try again.");
    }
}
