using System;
using System.Collections.Generic;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Trust;

namespace Credentials.Samples.Common;

/// <summary>
/// What to do when a credential's signature or issuer is refused. Three different situations, three different hints:
/// the credential was changed after it was signed (<see cref="Altered"/>), its issuer is not one the user trusts
/// (<see cref="Untrusted"/>), or <c>--trust</c> names a key that cannot have signed it (<see cref="WrongTrustKey"/>).
/// </summary>
public static class TrustHints
{
    /// <summary>The signature does not verify with the key that, by its key id, signed it: the bytes were changed.</summary>
    public const string Altered = "The issuer's signature does not match the credential's content: it was changed or damaged after it was issued. Ask the issuer for the credential again; --trust is not the problem.";

    /// <summary>The issuer is not among the trusted ones (trust list, DID).</summary>
    public const string Untrusted = "The issuer is not one you trust: pass its public JWK, its DID or a trust list that lists it with --trust, if you mean to trust it.";

    /// <summary>The key given with <c>--trust</c> cannot have signed this credential (another key, or another key type).</summary>
    public const string WrongTrustKey = "The key given with --trust is not the key that signed this credential: pass the public JWK of the issuer that issued it (issuer keys create --public-out writes it), or its DID.";

    /// <summary>The signature does not verify and the credential does not say which key signed it.</summary>
    public const string AlteredOrWrongKey = "The signature does not verify with the key given with --trust: either the credential was changed after it was issued, or another key signed it. Check --trust names this issuer's public key; if it does, ask the issuer for the credential again.";

    /// <summary>The credential's issuer could not be looked up (its DID document could not be fetched).</summary>
    public const string IssuerNotResolved = "The issuer's keys could not be fetched (its DID document): check the network, or pass the issuer's public JWK with --trust.";

    /// <summary>
    /// The hint for a signature, issuer or trust error; <see langword="null"/> when <paramref name="error"/> is about
    /// something else.
    /// </summary>
    /// <param name="error">The verification error.</param>
    /// <param name="trust">What <c>--trust</c> named.</param>
    /// <param name="credential">The credential or presentation (its issuer-signed JWT says which key signed it).</param>
    public static string? For(VerificationError error, IssuerTrust trust, string? credential = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(trust);
        var code = error.Code;
        if (code == JoseErrors.KeyAlgorithmMismatch || code.IsInFamily("key"))
        {
            return WrongTrustKey;
        }

        if (code == JoseErrors.InvalidSignature)
        {
            if (trust.TrustedKey is not { } trusted)
            {
                // A DID or a trust list chose the key by the credential's key id: the key was the issuer's own.
                return Altered;
            }

            return SignedBy(credential) is not { } keyId ? AlteredOrWrongKey
                : IdentifiersOf(trusted).Contains(keyId) ? Altered
                : WrongTrustKey;
        }

        return error.Kind switch
        {
            VerificationFailureKind.UntrustedIssuer => Untrusted,
            VerificationFailureKind.ResolutionFailed when code.IsInFamily("did") || code.IsInFamily("trust") => IssuerNotResolved,
            _ => null,
        };
    }

    // The kid of the issuer-signed JWT, if the credential names one.
    private static string? SignedBy(string? credential)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return null;
        }

        var jwt = credential.Split('~')[0].Trim();
        return Jws.ReadCompact(jwt) is { IsValid: true } jws ? jws.Value.KeyId : null;
    }

    // Every key id a sample issuer may put in the header for this key: its own kid, its RFC 7638 thumbprint, and its
    // verification method as did:key or did:jwk.
    private static HashSet<string> IdentifiersOf(Jwk key)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { key.ComputeThumbprint() };
        if (key.Kid is { } kid)
        {
            ids.Add(kid);
        }

        var publicKey = key.ToPublic() with { Kid = null };
        try
        {
            ids.Add(DidKey.GetKeyId(DidKey.Create(publicKey)).ToString());
            ids.Add(DidJwk.GetKeyId(DidJwk.Create(publicKey)).ToString());
        }
        catch (ArgumentException)
        {
            // A key type without a did:key form: the other identifiers remain.
        }

        return ids;
    }
}
