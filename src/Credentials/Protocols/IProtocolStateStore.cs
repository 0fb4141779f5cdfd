using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Protocols;

/// <summary>
/// Short-lived protocol state (pre-authorized codes, access tokens, nonces, verifier transactions) with expiry and
/// single use. Every implementation must make <see cref="TryConsumeAsync"/> atomic: under concurrent calls for the same
/// key exactly one caller gets the value.
/// </summary>
public interface IProtocolStateStore
{
    /// <summary>Stores a value until <paramref name="expiresAt"/>. Returns <see langword="false"/> when the key is already in use.</summary>
    /// <param name="kind">The kind of state, for example <c>pre_authorized_code</c>; keys are unique per kind.</param>
    /// <param name="key">The key (a random, unguessable value).</param>
    /// <param name="value">The value (usually JSON).</param>
    /// <param name="expiresAt">When the entry stops being usable.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<bool> TryAddAsync(string kind, string key, string value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the value if present and not expired at <paramref name="now"/>; atomically, so a value is consumed once.</summary>
    /// <param name="kind">The kind of state.</param>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<string?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Returns the value if present and not expired, without consuming it.</summary>
    /// <param name="kind">The kind of state.</param>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<string?> TryGetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Replaces the value of a present, unexpired entry only if it still equals <paramref name="expected"/> (compare-and-set).</summary>
    /// <param name="kind">The kind of state.</param>
    /// <param name="key">The key.</param>
    /// <param name="expected">The value the caller read.</param>
    /// <param name="value">The new value.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<bool> TryUpdateAsync(string kind, string key, string expected, string value, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired entries; returns how many.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
