using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.Wallet.Holder.Internal;

/// <summary>A holder key presented under another key id (the DID URL of its verification method).</summary>
internal sealed class KeyIdSigner(ISigner inner, string keyId) : ISigner
{
    public JwsAlgorithm Algorithm => inner.Algorithm;

    public string? KeyId => keyId;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
        => inner.SignAsync(signingInput, cancellationToken);
}
