using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.Tests.Keys.Kms;

/// <summary>
/// A signer shaped like a key service that answers in DER (as AWS KMS and most HSM APIs do): the platform signs in
/// <see cref="DSASignatureFormat.Rfc3279DerSequence"/> and the adapter converts with <see cref="EcdsaSignatureEncoding"/>.
/// </summary>
internal sealed class DerSignatureSigner(ECDsa key, JwsAlgorithm algorithm, HashAlgorithmName hash) : ISigner
{
    public JwsAlgorithm Algorithm => algorithm;

    public string? KeyId => "kms-key";

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        var der = key.SignData(signingInput.Span, hash, DSASignatureFormat.Rfc3279DerSequence);
        return ValueTask.FromResult(EcdsaSignatureEncoding.DerToJose(der, algorithm));
    }
}
