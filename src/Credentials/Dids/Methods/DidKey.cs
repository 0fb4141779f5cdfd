using System;
using Credentials.Keys;

namespace Credentials.Dids.Methods;

/// <summary>
/// The did:key method (W3C CCG did:key v0.9): a DID that is a public key, <c>did:key:z…</c> (base58btc multibase of a
/// multicodec header and the key; EC keys as compressed points). Ed25519, X25519, P-256, P-384 and secp256k1.
/// </summary>
public static class DidKey
{
    /// <summary>Creates the did:key for a public key.</summary>
    /// <param name="publicKey">An Ed25519, X25519, P-256, P-384 or secp256k1 public JWK.</param>
    /// <exception cref="ArgumentException">The JWK holds a private key, or is unsupported or invalid.</exception>
    public static Did Create(Jwk publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.HasPrivateKey)
        {
            throw new ArgumentException("Create a did:key from the public key; this JWK holds a private key.", nameof(publicKey));
        }

        // did:key v0.9 section 2: did:key:MULTIBASE(base58-btc, MULTICODEC(public-key-type, raw-public-key-bytes)).
        return Did.Parse("did:key:" + MultikeyCodec.Encode(publicKey));
    }

    /// <summary>Creates the did:key for a signing key.</summary>
    /// <param name="key">The key.</param>
    public static Did Create(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key.PublicJwk with { Kid = null });
    }

    /// <summary>Creates the did:key for an X25519 key-agreement key.</summary>
    /// <param name="key">The key.</param>
    public static Did Create(KeyAgreementKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key.PublicJwk with { Kid = null });
    }

    /// <summary>
    /// The DID URL of the did:key's key, <c>did:key:z…#z…</c>: the <c>kid</c> to put in the JWS header of what the key signs.
    /// </summary>
    /// <param name="did">A did:key.</param>
    /// <exception cref="ArgumentException">The DID is not a did:key.</exception>
    public static DidUrl GetKeyId(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (did.Method != DidMethodNames.Key)
        {
            throw new ArgumentException("The DID is not a did:key.", nameof(did));
        }

        // did:key v0.9 section 3.1.2: the verification method id is the DID, '#', and the multibase value.
        return DidUrl.WithFragment(did, did.MethodSpecificId);
    }

    /// <summary>Decodes the public key of a did:key; never throws for bad input.</summary>
    /// <param name="did">The DID.</param>
    /// <returns>The public JWK, or <c>did.invalid_did</c>, <c>did.unsupported_key_type</c> or <c>did.invalid_public_key</c>.</returns>
    public static VerificationResult<Jwk> GetPublicKey(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        return GetPublicKey(did, out _);
    }

    private static VerificationResult<Jwk> GetPublicKey(Did did, out byte[] x25519)
    {
        x25519 = [];

        // did:key v0.9 section 3.1.1: the method MUST be 'key' and the multibase value MUST start with 'z'.
        // The optional version component is not accepted: no version other than the implicit 1 exists.
        if (did.Method != DidMethodNames.Key || did.MethodSpecificId.Length < 2 || did.MethodSpecificId[0] != 'z')
        {
            return new VerificationError(DidErrors.InvalidDid, "A did:key is did:key:z followed by base58btc.");
        }

        return MultikeyCodec.Decode(did.MethodSpecificId, out x25519);
    }

    /// <summary>
    /// Expands a did:key into its DID document (did:key v0.9 section 3.1.1) with one <c>Multikey</c> verification
    /// method under authentication, assertionMethod, capabilityInvocation and capabilityDelegation; X25519 keys only
    /// under keyAgreement; an Ed25519 key also gets its derived X25519 key, embedded under keyAgreement.
    /// </summary>
    /// <param name="did">The DID.</param>
    public static VerificationResult<DidDocument> Resolve(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        var key = GetPublicKey(did, out var x25519);
        if (!key.IsValid)
        {
            return key.Error;
        }

        var methodId = did.Value + "#" + did.MethodSpecificId;
        var method = new VerificationMethod
        {
            Id = methodId,
            Type = VerificationMethodTypes.Multikey,
            Controller = did.Value,
            PublicKeyMultibase = did.MethodSpecificId,
        };
        string[] context = [DidContexts.DidV1, DidContexts.Multikey];
        VerificationMethodReference[] reference = [VerificationMethodReference.To(methodId)];

        if (key.Value.Crv == JwkCurves.X25519)
        {
            // An X25519 key cannot sign: it is a key-agreement key only.
            return new DidDocument { Context = context, Id = did.Value, VerificationMethod = [method], KeyAgreement = reference };
        }

        VerificationMethodReference[] keyAgreement = [];
        if (key.Value.Crv == JwkCurves.Ed25519)
        {
            // did:key v0.9 section 3.1.5 (Derive Encryption Key Algorithm): the X25519 key for the Ed25519 key,
            // computed once by the point check that decoded it.
            var x25519Jwk = new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.X25519, X = Credentials.Internal.StrictBase64Url.Encode(x25519) };
            var multibase = MultikeyCodec.Encode(x25519Jwk);
            keyAgreement =
            [
                VerificationMethodReference.Embed(new VerificationMethod
                {
                    Id = did.Value + "#" + multibase,
                    Type = VerificationMethodTypes.Multikey,
                    Controller = did.Value,
                    PublicKeyMultibase = multibase,
                }),
            ];
        }

        return new DidDocument
        {
            Context = context,
            Id = did.Value,
            VerificationMethod = [method],
            Authentication = reference,
            AssertionMethod = reference,
            CapabilityInvocation = reference,
            CapabilityDelegation = reference,
            KeyAgreement = keyAgreement,
        };
    }
}
