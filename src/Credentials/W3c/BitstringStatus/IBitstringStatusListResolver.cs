using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.W3c.BitstringStatus;

/// <summary>
/// Finds a verified <c>BitstringStatusListCredential</c> by its URL (section 3.2, Validate: "dereference the
/// statusListCredential URL, and ensure that all proofs verify successfully").
/// </summary>
public interface IBitstringStatusListResolver
{
    /// <summary>Returns the verified list credential, or why it could not be had. Never throws for bad input.</summary>
    /// <param name="statusListCredential">The entry's <c>statusListCredential</c>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>
    /// The list; or <see cref="BitstringStatusErrors.RetrievalFailed"/>, <see cref="BitstringStatusErrors.ListVerificationFailed"/>
    /// or <see cref="BitstringStatusErrors.MalformedList"/>, with the cause as <see cref="VerificationError.Inner"/>.
    /// </returns>
    ValueTask<VerificationResult<BitstringStatusListCredential>> ResolveAsync(Uri statusListCredential, CancellationToken cancellationToken = default);
}
