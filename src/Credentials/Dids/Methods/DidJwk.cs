using System;
using System.Text;
using Credentials.Internal;
using Credentials.Keys;

namespace Credentials.Dids.Methods;

/// <summary>
/// The did:jwk method (github.com/quartzjer/did-jwk): <c>did:jwk:</c> followed by the base64url of the UTF-8 JSON of
/// a public JWK. The DID document has one verification method, <c>#0</c>.
/// </summary>
public static class DidJwk
{
    /// <summary>Creates the did:jwk for a public JWK, serialized compactly with members in lexicographic order.</summary>
    /// <param name="publicKey">The public JWK.</param>
    /// <exception cref="ArgumentException">The JWK holds a private key.</exception>
    public static Did Create(Jwk publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.HasPrivateKey)
        {
            // did:jwk section 2: the JWK MUST NOT hold private key material.
            throw new ArgumentException("A did:jwk holds a public key only; this JWK holds a private key.", nameof(publicKey));
        }

        return Did.Parse("did:jwk:" + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(publicKey.ToJson())));
    }

    /// <summary>Creates the did:jwk for a signing key (its public part, without <c>kid</c>).</summary>
    /// <param name="key">The key.</param>
    public static Did Create(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key.PublicJwk with { Kid = null });
    }

    /// <summary>
    /// Creates the did:jwk for exactly the given JWK text (kept byte for byte, so the DID matches one made elsewhere).
    /// </summary>
    /// <param name="jwkJson">The public JWK as JSON.</param>
    /// <exception cref="ArgumentException">The text is not a valid public JWK.</exception>
    public static Did CreateFromJson(string jwkJson)
    {
        ArgumentNullException.ThrowIfNull(jwkJson);
        var jwk = Jwk.ReadPublic(jwkJson);
        if (!jwk.IsValid)
        {
            throw new ArgumentException("The text is not a valid public JWK.", nameof(jwkJson));
        }

        return Did.Parse("did:jwk:" + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(jwkJson)));
    }

    /// <summary>The DID URL of the did:jwk's only key, <c>did:jwk:…#0</c>: the <c>kid</c> for a JWS header.</summary>
    /// <param name="did">A did:jwk.</param>
    /// <exception cref="ArgumentException">The DID is not a did:jwk.</exception>
    public static DidUrl GetKeyId(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (did.Method != DidMethodNames.Jwk)
        {
            throw new ArgumentException("The DID is not a did:jwk.", nameof(did));
        }

        return DidUrl.WithFragment(did, "0");
    }

    /// <summary>Decodes the public JWK of a did:jwk; never throws for bad input.</summary>
    /// <param name="did">The DID.</param>
    public static VerificationResult<Jwk> GetPublicKey(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (did.Method != DidMethodNames.Jwk)
        {
            return new VerificationError(DidErrors.InvalidDid, "The DID is not a did:jwk.");
        }

        // did:jwk section 3.2 (Read): base64url-decode the method-specific id and parse it as a JWK.
        var bytes = StrictBase64Url.TryDecode(did.MethodSpecificId.AsSpan());
        if (bytes is null)
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:jwk identifier is not canonical base64url.");
        }

        using var document = SafeJson.TryParse(bytes);
        if (document is null)
        {
            return new VerificationError(DidErrors.InvalidDid, "The did:jwk identifier is not a JSON object (or repeats a member).");
        }

        // did:jwk section 2: the JWK MUST NOT contain private key material; any private or symmetric member is refused.
        var jwk = Jwk.ReadPublic(document.RootElement);
        if (!jwk.IsValid)
        {
            if (jwk.Error.Code == KeyErrors.PrivateKeyMaterial)
            {
                return new VerificationError(DidErrors.InvalidPublicKey, "A did:jwk must not hold a private key.") with { Inner = jwk.Error };
            }

            return jwk.Error.Code == KeyErrors.UnsupportedKeyType
                ? new VerificationError(DidErrors.UnsupportedKeyType, "The did:jwk key type is not supported.") { Inner = jwk.Error }
                : new VerificationError(DidErrors.InvalidPublicKey, "The did:jwk identifier is not a valid JWK.") { Inner = jwk.Error };
        }

        if (jwk.Value.Kty == JwkKeyTypes.Rsa)
        {
            return new VerificationError(DidErrors.UnsupportedKeyType, "RSA keys are not supported.");
        }

        // The point must be on its curve (X25519 keys are any 32 bytes; their length is checked by Jwk.Read).
        if (jwk.Value.Crv != JwkCurves.X25519)
        {
            var imported = VerificationKey.FromJwk(jwk.Value);
            if (!imported.IsValid)
            {
                return imported.Error.Code == KeyErrors.UnsupportedKeyType
                    ? new VerificationError(DidErrors.UnsupportedKeyType, "The did:jwk key type is not supported.") { Inner = imported.Error }
                    : new VerificationError(DidErrors.InvalidPublicKey, "The did:jwk key is not valid.") { Inner = imported.Error };
            }

            imported.Value.Dispose();
        }

        return jwk;
    }

    /// <summary>
    /// Expands a did:jwk into its DID document (did:jwk section 3.2): one <c>JsonWebKey2020</c> method <c>#0</c>;
    /// <c>use: enc</c> only under keyAgreement, <c>use: sig</c> under all relationships but keyAgreement, and no
    /// <c>use</c> under all five.
    /// </summary>
    /// <param name="did">The DID.</param>
    public static VerificationResult<DidDocument> Resolve(Did did)
    {
        var key = GetPublicKey(did);
        if (!key.IsValid)
        {
            return key.Error;
        }

        var methodId = did.Value + "#0";
        var method = VerificationMethod.CreateJsonWebKey(methodId, did, key.Value, VerificationMethodTypes.JsonWebKey2020);
        VerificationMethodReference[] reference = [VerificationMethodReference.To(methodId)];
        VerificationMethodReference[] none = [];
        var signing = key.Value.Use != "enc";
        var encryption = key.Value.Use != "sig";
        return new DidDocument
        {
            Context = [DidContexts.DidV1, DidContexts.JsonWebKey2020],
            Id = did.Value,
            VerificationMethod = [method],
            AssertionMethod = signing ? reference : none,
            Authentication = signing ? reference : none,
            CapabilityInvocation = signing ? reference : none,
            CapabilityDelegation = signing ? reference : none,
            KeyAgreement = encryption ? reference : none,
        };
    }
}
