using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Keys;
using Xunit;

namespace Credentials.Tests.Keys.X509;

public sealed class X509CertificateChainTests : IDisposable
{
    // The document signer certificate ("utopia ds", P-256) of the ISO/IEC 18013-5:2021 Annex D worked example, as in
    // specs/vectors/mdoc/iso18013-5-annex-d/ds_cert.der.hex (source and licence in specs/vectors/mdoc/README.md).
    private const string AnnexDDocumentSignerHex = "308201ef30820195a00302010202143c4416eed784f3b413e48f56f075abfa6d87eb84300a06082a8648ce3d04030230233114301206035504030c0b75746f7069612069616361310b3009060355040613025553301e170d3230313030313030303030305a170d3231313030313030303030305a30213112301006035504030c0975746f706961206473310b30090603550406130255533059301306072a8648ce3d020106082a8648ce3d03010703420004ace7ab7340e5d9648c5a72a9a6f56745c7aad436a03a43efea77b5fa7b88f0197d57d8983e1b37d3a539f4d588365e38cbbf5b94d68c547b5bc8731dcd2f146ba381a83081a5301e0603551d120417301581136578616d706c65406578616d706c652e636f6d301c0603551d1f041530133011a00fa00d820b6578616d706c652e636f6d301d0603551d0e0416041414e29017a6c35621ffc7a686b7b72db06cd12351301f0603551d2304183016801454fa2383a04c28e0d930792261c80c4881d2c00b300e0603551d0f0101ff04040302078030150603551d250101ff040b3009060728818c5d050102300a06082a8648ce3d040302034800304502210097717ab9016740c8d7bcdaa494a62c053bbdecce1383c1aca72ad08dbc04cbb202203bad859c13a63c6d1ad67d814d43e2425caf90d422422c04a8ee0304c0d3a68d";

    private readonly TestPki _pki = TestPki.Create();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void FromPem_LeafIntermediateRoot_KeepsOrderAndLeavesTheRootOutOfX5c()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate, _pki.Root));

        Assert.Equal(3, chain.Certificates.Count);
        Assert.Equal(_pki.Leaf.RawData, chain.Leaf.RawData);
        Assert.True(chain.IncludesTrustAnchor);
        Assert.False(chain.HasPrivateKey);

        // RFC 7515 section 4.1.6: standard base64 DER, leaf first; the trust anchor is not written.
        var x5c = chain.ToX5c();
        Assert.Equal([Convert.ToBase64String(_pki.Leaf.RawData), Convert.ToBase64String(_pki.Intermediate.RawData)], x5c);
        Assert.Equal(2, chain.ToDer().Count);
    }

    [Fact]
    public void FromPem_WithoutRoot_WritesEveryCertificate()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));

        Assert.False(chain.IncludesTrustAnchor);
        Assert.Equal(2, chain.ToX5c().Length);
    }

    [Fact]
    public void FromPem_WrongOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem(TestPki.Pem(_pki.Intermediate, _pki.Leaf, _pki.Root)));
        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Root)));
    }

    [Fact]
    public void FromPem_NameMatchesButSignatureDoesNot_Throws()
    {
        // A certificate with the intermediate's name but another key: the names link, the signature does not verify.
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(_pki.Intermediate.SubjectName, otherKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        using var impostor = request.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddYears(1));

        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, impostor)));
    }

    [Fact]
    public void FromPem_NoCertificate_Throws()
    {
        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem(string.Empty));
        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    [Fact]
    public void Create_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => X509CertificateChain.Create([]));
    }

    [Fact]
    public void FromPem_WithLeafKey_CreatesASignerForTheLeaf()
    {
        var pem = TestPki.Pem(_pki.Leaf, _pki.Intermediate) + _pki.LeafKey.ExportPkcs8PrivateKeyPem();
        using var chain = X509CertificateChain.FromPem(pem);

        using var signer = chain.CreateSigner("leaf-1");

        Assert.True(chain.HasPrivateKey);
        Assert.True(signer.Matches(_pki.Leaf));
        Assert.Equal("leaf-1", signer.KeyId);
    }

    [Fact]
    public void FromPem_KeyOfAnotherCertificate_Throws()
    {
        var pem = TestPki.Pem(_pki.Leaf, _pki.Intermediate) + _pki.IntermediateKey.ExportECPrivateKeyPem();

        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPem(pem));
    }

    [Fact]
    public void CreateSigner_NoPrivateKey_ThrowsInvalidOperation()
    {
        using var chain = X509CertificateChain.FromPem(TestPki.Pem(_pki.Leaf, _pki.Intermediate));

        Assert.Throws<InvalidOperationException>(() => chain.CreateSigner());
    }

    [Fact]
    public void FromPemFile_ReadsTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "x509-chain-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, TestPki.Pem(_pki.Leaf, _pki.Intermediate, _pki.Root));
        try
        {
            using var chain = X509CertificateChain.FromPemFile(path);

            Assert.Equal(3, chain.Certificates.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromPfx_ShuffledBags_OrdersFromTheKeyedLeafAndSigns()
    {
        var pfx = _pki.Pfx("s3cret");

        using var chain = X509CertificateChain.FromPfx(pfx, "s3cret");
        using var signer = chain.CreateSigner();

        Assert.Equal([_pki.Leaf.RawData, _pki.Intermediate.RawData, _pki.Root.RawData], [chain.Certificates[0].RawData, chain.Certificates[1].RawData, chain.Certificates[2].RawData]);
        Assert.True(chain.IncludesTrustAnchor);
        Assert.Equal(2, chain.ToX5c().Length);
        using var key = VerificationKey.Create(signer.PublicJwk);
        Assert.True(key.Verify(JwsAlgorithm.Es256, "x"u8, signer.Sign("x"u8)));
        Assert.True(signer.Matches(_pki.Leaf));
    }

    [Fact]
    public void FromPfx_WrongPassword_Throws()
    {
        var pfx = _pki.Pfx("s3cret");

        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPfx(pfx, "wrong"));
    }

    [Fact]
    public void FromPfx_NoPrivateKey_Throws()
    {
        var collection = new X509Certificate2Collection { _pki.Leaf, _pki.Intermediate };
        var pfx = collection.Export(X509ContentType.Pkcs12, "pw")!;

        Assert.Throws<ArgumentException>(() => X509CertificateChain.FromPfx(pfx, "pw"));
    }

    [Fact]
    public void FromPfx_RsaLeaf_LoadsButRefusesToSign()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=RSA Issuer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(30));
        var pfx = certificate.Export(X509ContentType.Pkcs12, "pw");

        using var chain = X509CertificateChain.FromPfx(pfx, "pw");

        Assert.Throws<ArgumentException>(() => chain.CreateSigner());
    }

    [Fact]
    public void FromPem_AnnexDDocumentSigner_RoundTripsItsDer()
    {
        var der = Convert.FromHexString(AnnexDDocumentSignerHex);
        var pem = PemEncoding.WriteString("CERTIFICATE", der);

        using var chain = X509CertificateChain.FromPem(pem);

        Assert.False(chain.IncludesTrustAnchor);
        Assert.Equal([Convert.ToBase64String(der)], chain.ToX5c());
        Assert.Equal(der, chain.ToDer()[0]);
    }
}
