using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Status;

/// <summary>
/// Obtains the Status List Token a credential references (over HTTP, from a cache, or from the application), verifies
/// it, and reads the referenced entry. Implementations are thread-safe.
/// </summary>
/// <remarks>
/// Any well-formed status is a success, including INVALID and SUSPENDED: the caller decides what a status means for
/// its credential. Failures are only about the list itself: it cannot be obtained (<see cref="StatusErrors.ListUnavailable"/>, or an
/// <see cref="Credentials.Http.HttpErrors"/> code when a fetch fails),
/// does not verify, or does not cover the index (<see cref="StatusErrors.IndexOutOfRange"/>).
/// draft-ietf-oauth-status-list section 8.3.
/// </remarks>
public interface IStatusListResolver
{
    /// <summary>Fetches (or takes from cache or the application) the Status List Token for <see cref="StatusReference.Uri"/>, verifies it, and returns the status at <see cref="StatusReference.Index"/>.</summary>
    /// <param name="reference">The credential's status reference.</param>
    /// <param name="cancellationToken">Cancels retrieval.</param>
    ValueTask<VerificationResult<StatusValue>> GetStatusAsync(StatusReference reference, CancellationToken cancellationToken = default);
}
