using System;
using System.Collections.Generic;
using Credentials.Keys;
using Credentials.Pkcs11;

namespace Credentials.Samples.Issuer;

/// <summary>
/// The keys a key-set file names: a private JWK file, or a <c>pkcs11:</c> URI (RFC 7512) of a key inside a PKCS#11
/// token (its PIN from the URI's <c>pin-source</c> or <see cref="IssuerIdentity.PinEnvironmentVariable"/>). Each key's
/// <c>kid</c> is the JWK's own, else its RFC 7638 thumbprint (a token key: always the thumbprint of its public key).
/// </summary>
internal static class KeySetKeys
{
    /// <summary>Whether <paramref name="reference"/> names a key inside a token rather than a file.</summary>
    public static bool IsToken(string reference) => Pkcs11Uri.IsPkcs11Uri(reference);

    /// <summary>How the key-set file records a key given on the command line: a full path for a file, a URI as given.</summary>
    public static string Normalize(string reference) => IsToken(reference) ? reference : System.IO.Path.GetFullPath(reference);

    /// <summary>Opens the key's signer (kid set); the caller disposes what is added to <paramref name="owned"/>.</summary>
    public static IPublicKeySigner Open(string reference, List<IDisposable> owned)
    {
        if (IsToken(reference))
        {
            var uri = IssuerIdentity.ParseUri(reference);
            var token = IssuerIdentity.OpenToken(uri);
            try
            {
                var signer = IssuerIdentity.GetSigner(token, uri);
                var tokenKey = new IssuerSigner(signer.WithKeyId(signer.PublicJwk.ComputeThumbprint()), token);
                owned.Add(tokenKey);
                return tokenKey;
            }
            catch
            {
                token.Dispose();
                throw;
            }
        }

        var jwk = JwkFile.Read(reference, "private key");
        var key = SigningKey.FromJwk(jwk with { Kid = jwk.Kid ?? jwk.ToPublic().ComputeThumbprint() });
        owned.Add(key);
        return key;
    }
}
