using System.Threading;
using System.Threading.Tasks;

namespace Credentials.W3c;

/// <summary>
/// Verifies a credential secured by an embedded proof (for example Data Integrity), so that a verifier of another
/// securing mechanism (a <c>vp+jwt</c> presentation) can verify the credentials it carries.
/// </summary>
public interface IW3cProofVerifier
{
    /// <summary>Verifies the credential's embedded proof, and what the implementation's policy adds (validity, status).</summary>
    /// <param name="credential">A credential with a <see cref="W3cCredential.Proof"/>.</param>
    /// <param name="cancellationToken">Cancels key and status resolution.</param>
    ValueTask<W3cVerificationResult> VerifyAsync(W3cCredential credential, CancellationToken cancellationToken = default);
}
