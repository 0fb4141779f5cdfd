using System;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.IdentityModel;

/// <summary>
/// Signs and verifies Ed25519 JWS signatures for IdentityModel by delegating to a Credentials <see cref="Keys.SigningKey"/>
/// and <see cref="Keys.VerificationKey"/> (NSec underneath). Verification never throws for a bad signature.
/// </summary>
internal sealed class EdDsaSignatureProvider : SignatureProvider
{
    private readonly JwsAlgorithm _algorithm;
    private readonly SigningKey? _signingKey;
    private readonly VerificationKey _verificationKey;
    private readonly IDisposable? _owned;
    private bool _disposed;

    public EdDsaSignatureProvider(SecurityKey key, JwsAlgorithm algorithm, SigningKey? signingKey, VerificationKey verificationKey, IDisposable? owned)
        : base(key, algorithm.Name)
    {
        _algorithm = algorithm;
        _signingKey = signingKey;
        _verificationKey = verificationKey;
        _owned = owned;
        WillCreateSignatures = signingKey is not null;
    }

    public override byte[] Sign(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RequireSigningKey().Sign(input);
    }

    public override byte[] Sign(byte[] input, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RequireSigningKey().Sign(input.AsSpan(offset, count));
    }

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        var key = RequireSigningKey();
        var size = _algorithm.SignatureSize;
        if (destination.Length < size)
        {
            bytesWritten = 0;
            return false;
        }

        key.Sign(data, destination[..size]);
        bytesWritten = size;
        return true;
    }

    public override bool Verify(byte[] input, byte[] signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return input is not null && signature is not null && _verificationKey.Verify(_algorithm, input, signature);
    }

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (input is null || signature is null
            || inputOffset < 0 || inputLength < 0 || inputOffset > input.Length - inputLength
            || signatureOffset < 0 || signatureLength < 0 || signatureOffset > signature.Length - signatureLength)
        {
            return false;
        }

        return _verificationKey.Verify(_algorithm, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));
    }

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _owned?.Dispose();
        }

        _disposed = true;
    }

    private SigningKey RequireSigningKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _signingKey ?? throw new InvalidOperationException("This EdDSA signature provider has no private key; it can only verify.");
    }
}
