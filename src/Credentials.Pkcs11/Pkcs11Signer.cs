using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11;

/// <summary>
/// An <see cref="ISigner"/> whose private key stays inside a PKCS#11 token: Ed25519 with CKM_EDDSA, ES256 and ES384
/// with CKM_ECDSA over a hash computed here. Thread-safe: parallel calls each take a session of the token's pool.
/// Made by <see cref="Pkcs11Token.GetSigner(Pkcs11Uri, string?)"/> or <see cref="Pkcs11Token.GenerateKeyPair"/>; it
/// works while its token is open.
/// </summary>
/// <remarks>
/// ECDSA hashes on the host (SHA-256 for ES256, SHA-384 for ES384) and asks the token for CKM_ECDSA over the digest,
/// rather than CKM_ECDSA_SHA256/384: every token with EC keys offers CKM_ECDSA, the hashed mechanisms are optional,
/// and only 32 or 48 bytes cross to the token however long the credential is (PKCS#11 v2.40 section 2.3.6). The hash
/// is not a secret, so nothing is lost by computing it here. CKM_ECDSA returns r||s, each as long as the order
/// (section 2.3.1), which is already the JOSE form (RFC 7518 section 3.4).
/// </remarks>
public sealed class Pkcs11Signer : IPublicKeySigner
{
    private readonly Pkcs11Token _token;
    private readonly IObjectHandle _key;
    private readonly bool _edwards;

    internal Pkcs11Signer(Pkcs11Token token, IObjectHandle key, JwsAlgorithm algorithm, Jwk publicJwk, string? keyId, Pkcs11Uri uri)
    {
        _token = token;
        _key = key;
        Algorithm = algorithm;
        PublicJwk = publicJwk;
        KeyId = keyId;
        Uri = uri;
        _edwards = Pkcs11PublicKeys.IsEdDsa(algorithm);
    }

    /// <inheritdoc />
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string? KeyId { get; }

    /// <summary>The public key as a JWK, read from the token's public key object (carries <see cref="KeyId"/> as <c>kid</c> when set).</summary>
    public Jwk PublicJwk { get; }

    /// <summary>The key's URI: token label, object label, id and <c>type=private</c> (plus the module path and PIN source the token was opened with).</summary>
    public Pkcs11Uri Uri { get; }

    /// <summary>The token holding the key.</summary>
    public Pkcs11Token Token => _token;

    /// <summary>This signer under another key id (same key, same token).</summary>
    /// <param name="keyId">The key id to report, or <see langword="null"/>.</param>
    public Pkcs11Signer WithKeyId(string? keyId)
        => string.Equals(keyId, KeyId, StringComparison.Ordinal) ? this : new(_token, _key, Algorithm, PublicJwk with { Kid = keyId }, keyId, Uri);

    /// <inheritdoc />
    /// <exception cref="Pkcs11Exception">The token failed to sign (removed, logged out, or a device error).</exception>
    /// <exception cref="ObjectDisposedException">The token was disposed before this signing reached the module.</exception>
    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // The lease keeps the token's sessions open until this signing has left the module (see Pkcs11Token remarks).
        _token.Enter();
        try
        {
            var session = await _token.Sessions.RentAsync(cancellationToken).ConfigureAwait(false);
            var broken = false;
            try
            {
                return Sign(session, signingInput.Span);
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
            {
                broken = Pkcs11Failures.IsSessionBroken(e.RV);
                throw Pkcs11Failures.From(e, "C_Sign");
            }
            finally
            {
                _token.Sessions.Return(session, broken);
            }
        }
        finally
        {
            _token.Exit();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Pkcs11Signer({Algorithm.Name} {Uri.Object ?? "(no label)"} on {_token.Label})";

    internal byte[] Sign(ISession session, ReadOnlySpan<byte> input)
    {
        var mechanism = Pkcs11Modules.Factories.MechanismFactory.Create(Pkcs11Token.SignMechanism(Algorithm));
        byte[] signature;
        if (_edwards)
        {
            // PKCS#11 3.0 section 2.3.14: CKM_EDDSA without parameters is pure Ed25519 over the whole message (RFC 8032).
            signature = session.Sign(mechanism, _key, input.ToArray());
        }
        else
        {
            Span<byte> digest = stackalloc byte[48];
            var length = Algorithm == JwsAlgorithm.Es384 ? SHA384.HashData(input, digest) : SHA256.HashData(input, digest);
            signature = session.Sign(mechanism, _key, digest[..length].ToArray());
        }

        // RFC 7518 section 3.4 / RFC 8037 section 3.1: 64 bytes for ES256 and Ed25519, 96 for ES384.
        if (signature.Length != Algorithm.SignatureSize)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.DeviceError, $"The token returned a {signature.Length}-byte {Algorithm.Name} signature; {Algorithm.SignatureSize} bytes were expected.");
        }

        return signature;
    }
}
