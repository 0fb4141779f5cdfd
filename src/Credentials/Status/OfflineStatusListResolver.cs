using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Status;

/// <summary>
/// Resolves statuses from Status List Tokens the application supplies (for offline checks): nothing is fetched. Each
/// token is verified with the configured <see cref="StatusListTokenVerifier"/> (signature, <c>typ</c>, <c>sub</c>
/// equal to the referenced URI) on first use, and its <c>exp</c> is re-checked on every use. Thread-safe.
/// </summary>
public sealed class OfflineStatusListResolver : IStatusListResolver
{
    private readonly StatusListTokenVerifier _verifier;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StatusListToken> _verified = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver with no tokens.</summary>
    /// <param name="verifier">Verifies the supplied tokens.</param>
    public OfflineStatusListResolver(StatusListTokenVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
    }

    /// <summary>Supplies (or replaces) the Status List Token for a list URI. The token is verified when it is used.</summary>
    /// <param name="uri">The list URI, as credentials reference it.</param>
    /// <param name="token">The compact Status List Token.</param>
    public void Add(string uri, string token)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(token);
        _tokens[uri] = token;
        _verified.TryRemove(uri, out _);
    }

    /// <summary>Removes the token for a list URI.</summary>
    /// <param name="uri">The list URI.</param>
    /// <returns><see langword="true"/> when a token was removed.</returns>
    public bool Remove(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _verified.TryRemove(uri, out _);
        return _tokens.TryRemove(uri, out _);
    }

    /// <inheritdoc />
    public async ValueTask<VerificationResult<StatusValue>> GetStatusAsync(StatusReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!_tokens.TryGetValue(reference.Uri, out var token))
        {
            return new VerificationError(StatusErrors.ListUnavailable, "No Status List Token was supplied for this URI.");
        }

        if (_verified.TryGetValue(reference.Uri, out var verified) && ReferenceEquals(verified.Compact, token))
        {
            var timeError = _verifier.CheckTime(verified);
            if (timeError is not null)
            {
                return timeError;
            }
        }
        else
        {
            var result = await _verifier.VerifyAsync(token, reference.Uri, cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return result.Error;
            }

            verified = result.Value;
            _verified[reference.Uri] = verified;
        }

        return verified.StatusList.GetStatus(reference.Index);
    }
}
