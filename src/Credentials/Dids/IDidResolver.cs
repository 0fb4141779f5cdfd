using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Dids;

/// <summary>Resolves a DID to its DID document (DID Core 1.0 section 7.1). Never throws for bad or unknown DIDs.</summary>
public interface IDidResolver
{
    /// <summary>Resolves a DID.</summary>
    /// <param name="did">The DID.</param>
    /// <param name="cancellationToken">Cancels network resolution.</param>
    /// <returns>The document, or a <c>did.*</c> error.</returns>
    ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default);
}
