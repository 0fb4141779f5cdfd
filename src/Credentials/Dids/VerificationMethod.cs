using System;
using Credentials.Keys;

namespace Credentials.Dids;

/// <summary>
/// A verification method (DID Core 1.0 section 5.2): a public key with its <c>id</c>, <c>type</c> and <c>controller</c>.
/// Immutable. Exactly one of <see cref="PublicKeyMultibase"/> and <see cref="PublicKeyJwk"/> is set.
/// </summary>
public sealed record VerificationMethod
{
    /// <summary>The method's id: a DID URL, possibly relative to the document (<c>#key-1</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The type, for example <see cref="VerificationMethodTypes.Multikey"/> or <see cref="VerificationMethodTypes.JsonWebKey"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The DID of the controller of this key.</summary>
    public required string Controller { get; init; }

    /// <summary>The public key as a multibase Multikey value (<c>z…</c>), or <see langword="null"/>.</summary>
    public string? PublicKeyMultibase { get; init; }

    /// <summary>The public key as a JWK, or <see langword="null"/>. Never holds a private key (DID Core 5.2.1).</summary>
    public Jwk? PublicKeyJwk { get; init; }

    /// <summary>
    /// Creates a <c>Multikey</c> verification method (did:key style) for a public key.
    /// </summary>
    /// <param name="id">The method's id (DID URL).</param>
    /// <param name="controller">The controller DID.</param>
    /// <param name="publicKey">An Ed25519, X25519, P-256, P-384 or secp256k1 public JWK.</param>
    /// <exception cref="ArgumentException">The key is private, unsupported or invalid.</exception>
    public static VerificationMethod CreateMultikey(string id, Did controller, Jwk publicKey)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("A verification method holds a public key only.", nameof(publicKey));
        }

        return new VerificationMethod
        {
            Id = id,
            Type = VerificationMethodTypes.Multikey,
            Controller = controller.Value,
            PublicKeyMultibase = MultikeyCodec.Encode(publicKey),
        };
    }

    /// <summary>Creates a <c>JsonWebKey</c> verification method for a public key.</summary>
    /// <param name="id">The method's id (DID URL).</param>
    /// <param name="controller">The controller DID.</param>
    /// <param name="publicKey">The public JWK.</param>
    /// <param name="type">The type; <see cref="VerificationMethodTypes.JsonWebKey"/> unless given.</param>
    /// <exception cref="ArgumentException">The key is private.</exception>
    public static VerificationMethod CreateJsonWebKey(string id, Did controller, Jwk publicKey, string type = VerificationMethodTypes.JsonWebKey)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(type);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("A verification method holds a public key only (DID Core 5.2.1).", nameof(publicKey));
        }

        return new VerificationMethod { Id = id, Type = type, Controller = controller.Value, PublicKeyJwk = publicKey };
    }

    /// <summary>
    /// Returns the public key as a JWK, decoding <see cref="PublicKeyMultibase"/> when needed and checking the length
    /// and curve point. Never throws for bad keys.
    /// </summary>
    public VerificationResult<Jwk> GetPublicKey()
    {
        switch (Type)
        {
            case VerificationMethodTypes.JsonWebKey:
            case VerificationMethodTypes.JsonWebKey2020:
                if (PublicKeyJwk is null)
                {
                    return new VerificationError(DidErrors.InvalidDocument, $"A {Type} verification method needs 'publicKeyJwk'.");
                }

                // DID Core 5.2.1: publicKeyJwk MUST NOT contain private key members.
                return PublicKeyJwk.HasPrivateKey
                    ? new VerificationError(DidErrors.InvalidPublicKey, "The verification method holds a private key.")
                    : VerificationResult<Jwk>.Success(PublicKeyJwk);

            case VerificationMethodTypes.Multikey:
            case VerificationMethodTypes.Ed25519VerificationKey2020:
            case VerificationMethodTypes.X25519KeyAgreementKey2020:
                if (PublicKeyMultibase is null)
                {
                    return new VerificationError(DidErrors.InvalidDocument, $"A {Type} verification method needs 'publicKeyMultibase'.");
                }

                var decoded = MultikeyCodec.Decode(PublicKeyMultibase);
                if (!decoded.IsValid)
                {
                    return decoded;
                }

                var expectedCurve = Type switch
                {
                    VerificationMethodTypes.Ed25519VerificationKey2020 => JwkCurves.Ed25519,
                    VerificationMethodTypes.X25519KeyAgreementKey2020 => JwkCurves.X25519,
                    _ => decoded.Value.Crv,
                };
                return decoded.Value.Crv == expectedCurve
                    ? decoded
                    : new VerificationError(DidErrors.InvalidPublicKey, $"A {Type} verification method holds a {decoded.Value.Crv} key.");

            default:
                return new VerificationError(DidErrors.UnsupportedKeyType, $"Verification methods of type '{Type}' are not supported.");
        }
    }
}
