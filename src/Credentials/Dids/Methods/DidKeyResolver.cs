using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Dids.Methods;

/// <summary>Resolves did:key DIDs locally (no I/O). Stateless and thread-safe.</summary>
public sealed class DidKeyResolver : IDidMethodResolver
{
    /// <summary>The shared instance.</summary>
    public static DidKeyResolver Instance { get; } = new();

    /// <inheritdoc />
    public string Method => DidMethodNames.Key;

    /// <inheritdoc />
    public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        return ValueTask.FromResult(DidKey.Resolve(did));
    }
}
