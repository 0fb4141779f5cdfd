using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Status;

/// <summary>
/// The Status Issuer's side of Token Status List: creates lists, allocates indices to new credentials (random, never
/// reused), revokes, suspends and unsuspends them, and publishes freshly signed Status List Tokens. Stateless over an
/// <see cref="IStatusListStore"/>; thread-safe.
/// </summary>
/// <remarks>
/// Status changes follow these rules: revocation (INVALID) is final; suspension needs at least 2 bits per entry and is
/// reversible; a change is a compare-and-set on the store, so concurrent changes cannot undo a revocation. A change
/// becomes visible to verifiers only when the list is published again (<see cref="PublishAsync"/>) and their cached
/// copy's <c>ttl</c> has passed.
/// </remarks>
public sealed class StatusListIssuer
{
    private const int MaxUpdateAttempts = 32;
    private readonly IStatusListStore _store;
    private readonly StatusListTokenIssuer _tokenIssuer;

    /// <summary>Creates a manager.</summary>
    /// <param name="store">Where lists are kept.</param>
    /// <param name="tokenIssuer">Signs the published Status List Tokens.</param>
    public StatusListIssuer(IStatusListStore store, StatusListTokenIssuer tokenIssuer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tokenIssuer);
        _store = store;
        _tokenIssuer = tokenIssuer;
    }

    /// <summary>Creates a list (all entries VALID) unless it exists with the same settings.</summary>
    /// <param name="uri">The list's URI, where it will be served.</param>
    /// <param name="bits">1 (valid/revoked), 2 (adds suspended), 4 or 8 bits per entry.</param>
    /// <param name="capacity">How many credentials the list can hold. Larger lists give more herd privacy (section 11.1).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the list was created.</returns>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not an absolute URI.</exception>
    /// <exception cref="InvalidOperationException">The list exists with other settings.</exception>
    public ValueTask<bool> CreateListAsync(string uri, int bits, long capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!StatusReference.IsAbsoluteUri(uri))
        {
            throw new ArgumentException("The Status List URI must be an absolute URI.", nameof(uri));
        }

        StatusList.ThrowIfInvalidBits(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return _store.CreateListAsync(uri, bits, capacity, cancellationToken);
    }

    /// <summary>Allocates a fresh random index for a new credential, or returns <see langword="null"/> when the list is full.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reference to put in the credential's <c>status</c> claim (<see cref="StatusReference.ToStatusClaim"/>).</returns>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    public async ValueTask<StatusReference?> TryAllocateAsync(string uri, CancellationToken cancellationToken = default)
    {
        var index = await _store.TryAllocateAsync(uri, cancellationToken).ConfigureAwait(false);
        return index is { } i ? new StatusReference(uri, i) : null;
    }

    /// <summary>
    /// Allocates fresh random indices for a batch of new credentials at once (one transaction in stores that support it),
    /// or fewer when the list fills up.
    /// </summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="count">How many credentials.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The references, one per credential.</returns>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    public async ValueTask<IReadOnlyList<StatusReference>> AllocateManyAsync(string uri, int count, CancellationToken cancellationToken = default)
    {
        var indices = await _store.AllocateManyAsync(uri, count, cancellationToken).ConfigureAwait(false);
        var references = new StatusReference[indices.Count];
        for (var i = 0; i < references.Length; i++)
        {
            references[i] = new StatusReference(uri, indices[i]);
        }

        return references;
    }

    /// <summary>Reads the current (unpublished) status of an allocated entry.</summary>
    /// <param name="reference">The credential's reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    public async ValueTask<StatusValue> GetStatusAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return await _store.GetStatusAsync(reference.Uri, reference.Index, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("The index has not been allocated.", nameof(reference));
    }

    /// <summary>Revokes a credential (INVALID, 0x01). Final; revoking twice is harmless.</summary>
    /// <param name="reference">The credential's reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    public ValueTask RevokeAsync(StatusReference reference, CancellationToken cancellationToken = default)
        => ChangeAsync(reference, static (current, _) => StatusValue.Invalid, cancellationToken);

    /// <summary>Suspends a credential (SUSPENDED, 0x02). Suspending twice is harmless.</summary>
    /// <param name="reference">The credential's reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    /// <exception cref="InvalidOperationException">The credential is revoked, or the list has 1 bit per entry.</exception>
    public ValueTask SuspendAsync(StatusReference reference, CancellationToken cancellationToken = default)
        => ChangeAsync(reference, static (current, _) => current.IsInvalid
            ? throw new InvalidOperationException("A revoked credential cannot be suspended; revocation is final.")
            : StatusValue.Suspended, cancellationToken);

    /// <summary>Lifts a suspension (back to VALID). Unsuspending a valid credential is harmless.</summary>
    /// <param name="reference">The credential's reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    /// <exception cref="InvalidOperationException">The credential is revoked, or has an application-specific status.</exception>
    public ValueTask UnsuspendAsync(StatusReference reference, CancellationToken cancellationToken = default)
        => ChangeAsync(reference, static (current, _) => current.IsSuspended || current.IsValid
            ? StatusValue.Valid
            : throw new InvalidOperationException(current.IsInvalid
                ? "A revoked credential cannot be reinstated; revocation is final."
                : "Only a suspended credential can be unsuspended."), cancellationToken);

    /// <summary>Sets any status that fits the list (for application-specific values). A revoked credential stays revoked.</summary>
    /// <param name="reference">The credential's reference.</param>
    /// <param name="value">The new status.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The list does not exist or the index was never allocated.</exception>
    /// <exception cref="InvalidOperationException">The credential is revoked and <paramref name="value"/> is not INVALID, or the value does not fit the list's bits.</exception>
    public ValueTask SetStatusAsync(StatusReference reference, StatusValue value, CancellationToken cancellationToken = default)
        => ChangeAsync(reference, (current, _) => current.IsInvalid && !value.IsInvalid
            ? throw new InvalidOperationException("A revoked credential cannot change status; revocation is final.")
            : value, cancellationToken);

    /// <summary>Signs a fresh Status List Token with the current statuses and stores it as the one to serve.</summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The new token.</returns>
    /// <exception cref="ArgumentException">The list does not exist.</exception>
    public async ValueTask<string> PublishAsync(string uri, CancellationToken cancellationToken = default)
    {
        var list = await _store.LoadAsync(uri, cancellationToken).ConfigureAwait(false);
        var token = await _tokenIssuer.IssueAsync(uri, list, cancellationToken).ConfigureAwait(false);
        await _store.SavePublishedTokenAsync(uri, token, cancellationToken).ConfigureAwait(false);
        return token;
    }

    private async ValueTask ChangeAsync(StatusReference reference, Func<StatusValue, int, StatusValue> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var info = await _store.GetListAsync(reference.Uri, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("No Status List exists with this URI.", nameof(reference));
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var current = await _store.GetStatusAsync(reference.Uri, reference.Index, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException("The index has not been allocated.", nameof(reference));
            var next = decide(current, info.Bits);
            if (!next.FitsIn(info.Bits))
            {
                throw new InvalidOperationException($"The status {next} does not fit a list with {info.Bits} bit(s) per entry.");
            }

            if (next == current || await _store.TryUpdateStatusAsync(reference.Uri, reference.Index, current, next, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException("The status kept changing concurrently; try again.");
    }
}
