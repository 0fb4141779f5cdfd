using System;
using System.Threading;
using System.Threading.Tasks;

namespace Credentials.Keys;

/// <summary>Helpers over <see cref="ISigner"/>.</summary>
public static class SignerExtensions
{
    /// <summary>
    /// The same key under another key id: for example a holder key presented as the DID URL of its verification
    /// method, or with no <c>kid</c> where a header must carry the key itself. Signing is delegated unchanged.
    /// </summary>
    /// <param name="signer">The signer.</param>
    /// <param name="keyId">The key id the returned signer reports, or <see langword="null"/> for none.</param>
    /// <returns>The signer itself, or the signer it renamed, when that reports <paramref name="keyId"/>; otherwise a wrapper.</returns>
    public static ISigner WithKeyId(this ISigner signer, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (string.Equals(signer.KeyId, keyId, StringComparison.Ordinal))
        {
            return signer;
        }

        // Renaming a renamed signer wraps the original once, and gives the original back under its own key id.
        var original = signer is KeyIdSigner wrapped ? wrapped.Inner : signer;
        return string.Equals(original.KeyId, keyId, StringComparison.Ordinal) ? original : new KeyIdSigner(original, keyId);
    }

    private sealed class KeyIdSigner(ISigner inner, string? keyId) : ISigner
    {
        public ISigner Inner => inner;

        public JwsAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => keyId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
            => inner.SignAsync(signingInput, cancellationToken);
    }
}
