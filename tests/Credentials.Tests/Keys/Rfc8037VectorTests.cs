using System;
using System.Security.Cryptography;
using System.Text;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys;

/// <summary>RFC 8037 appendix A: Ed25519 and X25519 in JOSE.</summary>
public sealed class Rfc8037VectorTests
{
    // A.1 and A.2
    private const string Ed25519D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string Ed25519X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    // A.4
    private const string A4Jws =
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    // A.6 (the keys are those of RFC 7748 section 6.1)
    private const string BobX25519D = "XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os";
    private const string BobX25519X = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
    private const string EphemeralD = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo";
    private const string EphemeralX = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private const string SharedSecretHex = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Fact]
    public void FromJwk_A1PrivateKey_DerivesA2PublicKey()
    {
        var privateJwk = Jwk.Parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + Ed25519D + "\",\"x\":\"" + Ed25519X + "\"}");

        using var key = SigningKey.FromJwk(privateJwk);

        Assert.Same(JwsAlgorithm.EdDsa, key.Algorithm);
        Assert.Equal(Ed25519X, key.PublicJwk.X);
        Assert.Null(key.PublicJwk.D);
        Assert.Equal(Ed25519D, key.ExportPrivateJwk().D);
    }

    [Fact]
    public void ComputeThumbprint_A2PublicKey_MatchesA3()
    {
        var publicJwk = Jwk.Parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Ed25519X + "\"}");

        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", publicJwk.ComputeThumbprint());
    }

    [Fact]
    public void SignCompact_A4Payload_ReproducesTheJwsExactly()
    {
        using var key = SigningKey.FromJwk(Jwk.Parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + Ed25519D + "\",\"x\":\"" + Ed25519X + "\"}"));

        var jws = JwsWriter.SignCompact(key, "Example of Ed25519 signing"u8);

        Assert.Equal(A4Jws, jws);
    }

    [Fact]
    public void VerifySignature_A4Jws_VerifiesWithA2PublicKey()
    {
        using var publicKey = VerificationKey.Create(Jwk.Parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Ed25519X + "\"}"));

        var jws = Jws.ReadCompact(A4Jws);

        Assert.True(jws.IsValid);
        Assert.Null(jws.Value.VerifySignature(publicKey));
        Assert.Equal("Example of Ed25519 signing", Encoding.UTF8.GetString(jws.Value.Payload.Span));
    }

    [Fact]
    public void FromJwk_A6Keys_DeriveTheirPublishedPublicKeys()
    {
        using var bob = KeyAgreementKey.FromJwk(X25519(BobX25519D, BobX25519X));
        using var ephemeral = KeyAgreementKey.FromJwk(X25519(EphemeralD, EphemeralX));

        Assert.Equal(BobX25519X, bob.PublicJwk.X);
        Assert.Equal(EphemeralX, ephemeral.PublicJwk.X);
    }

    [Fact]
    public void DeriveSharedKey_A6Keys_IsHkdfOfThePublishedSharedSecretInBothDirections()
    {
        using var bob = KeyAgreementKey.FromJwk(X25519(BobX25519D, BobX25519X));
        using var ephemeral = KeyAgreementKey.FromJwk(X25519(EphemeralD, EphemeralX));
        var salt = "salt"u8.ToArray();
        var info = "info"u8.ToArray();

        var fromEphemeral = ephemeral.DeriveSharedKey(bob.PublicJwk, salt, info, 32);
        var fromBob = bob.DeriveSharedKey(ephemeral.PublicJwk, salt, info, 32);

        // The raw X25519 output is not exposed; HKDF over the published shared secret pins it exactly.
        var expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromHexString(SharedSecretHex), 32, salt, info);
        Assert.Equal(expected, fromEphemeral);
        Assert.Equal(expected, fromBob);
    }

    [Fact]
    public void DeriveSharedKey_DifferentPeers_DeriveDifferentKeys()
    {
        using var alice = KeyAgreementKey.Create();
        using var bob = KeyAgreementKey.Create();
        using var carol = KeyAgreementKey.Create();

        Assert.Equal(alice.DeriveSharedKey(bob.PublicJwk, default, default, 32), bob.DeriveSharedKey(alice.PublicJwk, default, default, 32));
        Assert.NotEqual(alice.DeriveSharedKey(bob.PublicJwk, default, default, 32), alice.DeriveSharedKey(carol.PublicJwk, default, default, 32));
    }

    [Fact]
    public void DeriveSharedKey_NonX25519PeerKey_Throws()
    {
        using var alice = KeyAgreementKey.Create();
        using var ed = SigningKey.Create(JwsAlgorithm.EdDsa);

        Assert.Throws<ArgumentException>(() => alice.DeriveSharedKey(ed.PublicJwk, default, default, 32));
    }

    [Fact]
    public void FromJwk_X25519WithMismatchedX_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyAgreementKey.FromJwk(X25519(BobX25519D, EphemeralX)));
    }

    private static Jwk X25519(string d, string x) => new() { Kty = "OKP", Crv = "X25519", D = d, X = x };
}
