using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.Samples.Issuer;

/// <summary>The issuer's signer from a key file or a PKCS#11 token; disposing it frees the key or closes the token sessions.</summary>
internal sealed class IssuerSigner(IPublicKeySigner signer, IDisposable? owner) : IPublicKeySigner, IDisposable, IAsyncDisposable
{
    public Jwk PublicJwk => signer.PublicJwk;

    public JwsAlgorithm Algorithm => signer.Algorithm;

    public string? KeyId => signer.KeyId;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
        => signer.SignAsync(signingInput, cancellationToken);

    public void Dispose()
    {
        (signer as IDisposable)?.Dispose();
        owner?.Dispose();
    }

    /// <summary>Like <see cref="Dispose"/>, but a token waits for its signings without blocking a thread.</summary>
    public async ValueTask DisposeAsync()
    {
        (signer as IDisposable)?.Dispose();
        if (owner is IAsyncDisposable asyncOwner)
        {
            await asyncOwner.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            owner?.Dispose();
        }
    }
}
