using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys.X509;

public sealed class EcdsaSignerTests
{
    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public async Task SignCompact_EcdsaKey_VerifiesWithTheJwsVerifier(string algorithmName)
    {
        JwsAlgorithm.TryGet(algorithmName, out var algorithm);
        using var ecdsa = ECDsa.Create(algorithm!.Curve == JwkCurves.P256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
        using var signer = new EcdsaSigner(ecdsa, "ecdsa-1", ownsKey: false);

        var token = await JwsWriter.SignCompactAsync(signer, Encoding.UTF8.GetBytes("""{"iss":"https://issuer.example.jp"}"""));
        var jws = Jws.ReadCompact(token).Value;
        using var key = VerificationKey.Create(signer.PublicJwk);

        Assert.Equal(algorithm, signer.Algorithm);
        Assert.Equal("ecdsa-1", jws.Header.GetProperty("kid").GetString());
        Assert.Equal(algorithmName, jws.Header.GetProperty("alg").GetString());
        Assert.Null(jws.VerifySignature(key));
    }

    [Fact]
    public void Sign_ReturnsRawRAndSNotDer()
    {
        using var signer = new EcdsaSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var data = "payload"u8.ToArray();

        var signature = signer.Sign(data);

        // RFC 7518 section 3.4: 64 bytes r||s for ES256, not a DER SEQUENCE.
        using var key = VerificationKey.Create(signer.PublicJwk);
        Assert.Equal(64, signature.Length);
        Assert.True(key.Verify(JwsAlgorithm.Es256, data, signature));
    }

    [Fact]
    public void Construct_PublicKeyOnly_Throws()
    {
        using var full = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicOnly = ECDsa.Create(full.ExportParameters(false));

        Assert.Throws<ArgumentException>(() => new EcdsaSigner(publicOnly, ownsKey: false));
    }

    [Fact]
    public void Construct_P521Key_Throws()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP521);

        Assert.Throws<ArgumentException>(() => new EcdsaSigner(ecdsa, ownsKey: false));
    }

    [Fact]
    public void Dispose_OwnsKeyFalse_LeavesTheKeyUsable()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        new EcdsaSigner(ecdsa, ownsKey: false).Dispose();

        Assert.NotEmpty(ecdsa.SignData("x"u8, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Dispose_OwnsKeyByDefault_DisposesTheKey()
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        new EcdsaSigner(ecdsa).Dispose();

        Assert.ThrowsAny<ObjectDisposedException>(() => ecdsa.SignData("x"u8, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void FromCertificate_EcCertificateWithKey_SignsWithTheCertificateKey()
    {
        using var pki = TestPki.Create();
        using var withKey = pki.Leaf.CopyWithPrivateKey(pki.LeafKey);

        using var signer = EcdsaSigner.FromCertificate(withKey, "cert-1");
        var data = "signing input"u8.ToArray();

        using var key = VerificationKey.Create(signer.PublicJwk);
        Assert.Equal("cert-1", signer.KeyId);
        Assert.Equal(JwsAlgorithm.Es256, signer.Algorithm);
        Assert.True(signer.Matches(pki.Leaf));
        Assert.True(key.Verify(JwsAlgorithm.Es256, data, signer.Sign(data)));
    }

    [Fact]
    public void FromCertificate_DisposingTheSigner_LeavesTheCertificateKeyUsable()
    {
        using var pki = TestPki.Create();
        using var withKey = pki.Leaf.CopyWithPrivateKey(pki.LeafKey);

        EcdsaSigner.FromCertificate(withKey).Dispose();
        using var again = EcdsaSigner.FromCertificate(withKey);

        Assert.Equal(64, again.Sign("x"u8).Length);
    }

    [Fact]
    public void FromCertificate_NoPrivateKey_Throws()
    {
        using var pki = TestPki.Create();

        Assert.Throws<ArgumentException>(() => EcdsaSigner.FromCertificate(pki.Leaf));
    }

    [Fact]
    public void FromCertificate_RsaCertificate_Throws()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=RSA Issuer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(30));

        Assert.True(certificate.HasPrivateKey);
        Assert.Throws<ArgumentException>(() => EcdsaSigner.FromCertificate(certificate));
    }
}
