using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;

namespace Credentials.W3c.DataIntegrity;

/// <summary>
/// Finds verification methods whose identifiers are URLs other than DID URLs (for example
/// <c>https://example.com/issuers/876543#key-1</c>), for a <see cref="DataIntegrityVerifier"/>: Controlled Identifiers
/// 1.0 section 3.3 (Retrieve Verification Method). For example a <see cref="StaticVerificationMethodResolver"/> over
/// configured issuer keys.
/// </summary>
public interface IVerificationMethodResolver
{
    /// <summary>
    /// Finds a verification method that its controller authorizes for a verification relationship. Never throws for
    /// unknown or bad identifiers.
    /// </summary>
    /// <param name="verificationMethodId">The proof's <c>verificationMethod</c>, an absolute URL that is not a DID URL.</param>
    /// <param name="relationship">The relationship the proof purpose names (<see cref="VerificationRelationship.AssertionMethod"/> for credentials).</param>
    /// <param name="cancellationToken">Cancels a fetch.</param>
    /// <returns>
    /// The method, whose <see cref="VerificationMethod.Id"/> is <paramref name="verificationMethodId"/> and whose
    /// <see cref="VerificationMethod.Controller"/> is the URL of its controller document; or a <c>di.*</c> error:
    /// <see cref="DataIntegrityErrors.VerificationMethodUnresolved"/> when unknown,
    /// <see cref="DataIntegrityErrors.VerificationMethodNotAuthorized"/> when not authorized for the relationship.
    /// </returns>
    ValueTask<VerificationResult<VerificationMethod>> ResolveAsync(string verificationMethodId, VerificationRelationship relationship, CancellationToken cancellationToken = default);
}
