using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Dids.Methods;

/// <summary>Resolves did:jwk DIDs locally (no I/O). Stateless and thread-safe.</summary>
public sealed class DidJwkResolver : IDidMethodResolver
{
    /// <summary>The shared instance.</summary>
    public static DidJwkResolver Instance { get; } = new();

    /// <inheritdoc />
    public string Method => DidMethodNames.Jwk;

    /// <inheritdoc />
    public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        return ValueTask.FromResult(DidJwk.Resolve(did));
    }
}
