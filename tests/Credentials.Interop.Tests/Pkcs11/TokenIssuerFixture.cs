using System;
using System.Collections.Generic;
using System.Threading;
using Credentials.Pkcs11;
using Credentials.Testing.Pkcs11;

namespace Credentials.Interop.Tests.Pkcs11;

/// <summary>
/// One throw-away SoftHSM2 token per test class with one issuer key pair per algorithm generated on it (private key
/// sensitive and not extractable): the signers the tests issue with never hold the private key.
/// </summary>
public sealed class TokenIssuerFixture : IDisposable
{
    private readonly Pkcs11Token _token;
    private readonly Dictionary<string, Pkcs11Signer> _signers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the token (SoftHSM2 missing fails the tests, it never skips them).</summary>
    public TokenIssuerFixture()
    {
        var token = SoftHsm.CreateToken("npm");
        _token = Pkcs11Token.Open(Pkcs11Uri.Parse(token.Uri()));
    }

    /// <summary>The token's signer for <paramref name="algorithm"/> (generated on first use; kid <c>ipa-&lt;alg&gt;</c>).</summary>
    /// <param name="algorithm">EdDSA, ES256 or ES384.</param>
    public Pkcs11Signer Signer(string algorithm)
    {
        lock (_lock)
        {
            if (!_signers.TryGetValue(algorithm, out var signer))
            {
                if (!JwsAlgorithm.TryGet(algorithm, out var alg))
                {
                    throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
                }

                var id = new[] { (byte)(_signers.Count + 1) };
                signer = _token.GenerateKeyPair(alg, "ipa-" + algorithm, id, keyId: "ipa-" + algorithm);
                _signers.Add(algorithm, signer);
            }

            return signer;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _token.Dispose();
}
