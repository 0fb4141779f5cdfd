using System;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Jose;

namespace Credentials.Keys;

/// <summary>
/// Something that signs JWS signing input with a private key it may never reveal: an in-memory <see cref="SigningKey"/>,
/// an HSM, or a cloud KMS.
/// </summary>
public interface ISigner
{
    /// <summary>The JWS algorithm of the signatures this signer makes.</summary>
    JwsAlgorithm Algorithm { get; }

    /// <summary>The key id to put in the JWS <c>kid</c> header, if any.</summary>
    string? KeyId { get; }

    /// <summary>
    /// Signs the JWS signing input. ECDSA signatures must be returned in the raw <c>r||s</c> form of
    /// RFC 7518 section 3.4, never DER.
    /// </summary>
    /// <param name="signingInput">The ASCII bytes <c>BASE64URL(header) '.' BASE64URL(payload)</c>.</param>
    /// <param name="cancellationToken">Cancels a remote signing call.</param>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default);
}
