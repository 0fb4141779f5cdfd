using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;

namespace Credentials.Trust;

/// <summary>
/// Finds the key that may verify an Issuer-signed JWT: from a DID, an X.509 chain, issuer metadata or a trust list.
/// Returns an error (never throws) when no trusted key is found.
/// </summary>
public interface IIssuerKeyResolver
{
    /// <summary>Resolves the issuer's verification key. The returned key is owned by the resolver (do not dispose it).</summary>
    /// <param name="request">What is known about the issuer before the signature is checked.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    ValueTask<VerificationResult<VerificationKey>> ResolveAsync(IssuerKeyRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a key resolver knows about a JWT before its signature is checked. Nothing here is trusted yet.</summary>
/// <param name="Issuer">The unverified <c>iss</c> claim, if any.</param>
/// <param name="Jwt">The parsed, unverified JWS (its header has <c>kid</c>, <c>x5c</c>, ...).</param>
public sealed record IssuerKeyRequest(string? Issuer, Jws Jwt);
