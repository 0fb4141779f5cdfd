using System.Threading;
using System.Threading.Tasks;

namespace Credentials.AspNetCore.StatusLists;

/// <summary>
/// Publishes Status List Tokens for <c>services.AddStatusLists(...)</c>: the background service calls it before each
/// token expires, and the application calls it after a status change so that verifiers see it at their next fetch.
/// Thread-safe; a singleton.
/// </summary>
public interface IStatusListPublisher
{
    /// <summary>
    /// Asks for the list to be re-signed and republished as soon as possible, in the background (several requests for
    /// one list are coalesced; a failure is logged and retried). A list not configured is kept fresh from then on.
    /// </summary>
    /// <param name="uri">The list's URI.</param>
    /// <exception cref="System.ArgumentException"><paramref name="uri"/> is not an absolute URI, or its file name in the publish directory is not safe.</exception>
    void RequestPublish(string uri);

    /// <summary>
    /// Signs a fresh token with the current statuses, stores it, writes it to the publish directory (if any) and
    /// returns it. A list not configured is kept fresh from then on.
    /// </summary>
    /// <param name="uri">The list's URI.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    /// <returns>The token now stored.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="uri"/> is not an absolute URI, or the list does not exist.</exception>
    ValueTask<string> PublishAsync(string uri, CancellationToken cancellationToken = default);
}
