using System;
using System.Formats.Asn1;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Xunit;

namespace Credentials.Tests.Mdoc.Certificates;

/// <summary>The certificates <see cref="MdocCertificates"/> makes follow the ISO/IEC 18013-5:2021 Annex B profiles.</summary>
public sealed class MdocCertificateCreationTests : IDisposable
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    private readonly MdocCertificateTestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void CreateIaca_Defaults_FollowTheIacaProfile()
    {
        var iaca = _pki.Iaca;

        Assert.Equal(3, iaca.Version);
        Assert.Equal(iaca.SubjectName.RawData, iaca.IssuerName.RawData);
        Assert.Equal("C=JP, CN=Sample IACA", iaca.Subject);
        Assert.Equal(EcdsaWithSha256, iaca.SignatureAlgorithm.Value);
        var basic = Assert.IsType<X509BasicConstraintsExtension>(iaca.Extensions["2.5.29.19"]);
        Assert.True(basic.Critical);
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.HasPathLengthConstraint);
        Assert.Equal(0, basic.PathLengthConstraint);
        var usage = Assert.IsType<X509KeyUsageExtension>(iaca.Extensions["2.5.29.15"]);
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.False(Assert.IsType<X509SubjectKeyIdentifierExtension>(iaca.Extensions["2.5.29.14"]).Critical);
        var alternativeName = iaca.Extensions["2.5.29.18"];
        Assert.NotNull(alternativeName);
        Assert.False(alternativeName.Critical);
        Assert.Equal(["https://iaca.example.jp/"], ReadUris(alternativeName.RawData));
        Assert.Null(iaca.Extensions["2.5.29.31"]);
        Assert.False(iaca.HasPrivateKey);
        Assert.Equal(MdocCertificateTestPki.Start, new DateTimeOffset(iaca.NotBefore));
        Assert.Equal(MdocCertificateTestPki.Start.AddDays(3_288), new DateTimeOffset(iaca.NotAfter));
    }

    [Fact]
    public void CreateIaca_SerialNumber_PositiveRandomAtLeast63Bits()
    {
        using var other = new MdocCertificateTestPki();
        var serial = _pki.Iaca.SerialNumberBytes.ToArray();

        // The platform gives the serial big-endian as encoded: positive (top bit clear), at most 20 octets, not tiny.
        Assert.InRange(serial.Length, 8, 20);
        Assert.Equal(0, serial[0] & 0x80);
        Assert.NotEqual(serial, other.Iaca.SerialNumberBytes.ToArray());
    }

    [Fact]
    public void CreateIaca_P384Key_SignsWithSha384()
    {
        using var pki = new MdocCertificateTestPki(JwsAlgorithm.Es384);

        Assert.Equal(EcdsaWithSha384, pki.Iaca.SignatureAlgorithm.Value);
        Assert.Equal(EcdsaWithSha384, pki.DocumentSigner.SignatureAlgorithm.Value);
    }

    [Fact]
    public void CreateIaca_OptionalMembers_Written()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var iaca = MdocCertificates.CreateIaca(key, new IacaCertificateOptions
        {
            CommonName = "Utopia IACA",
            Country = "us",
            StateOrProvince = "US-CA",
            IssuerEmail = "iaca@example.com",
            CrlDistributionPoint = new Uri("https://iaca.example.com/crl"),
            Validity = TimeSpan.FromDays(365),
            TimeProvider = _pki.Clock,
        });

        Assert.Equal("C=US, S=US-CA, CN=Utopia IACA", iaca.Subject);
        Assert.NotNull(iaca.Extensions["2.5.29.31"]);
        Assert.False(iaca.Extensions["2.5.29.31"]!.Critical);
        Assert.Equal(MdocCertificateTestPki.Start.AddDays(365), new DateTimeOffset(iaca.NotAfter));
    }

    [Fact]
    public void CreateIaca_InvalidOptions_Throw()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var ed25519 = SigningKey.Create(JwsAlgorithm.EdDsa);
        var options = new IacaCertificateOptions { CommonName = "IACA", IssuerUri = new Uri("https://iaca.example.jp") };

        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateIaca(ed25519, options));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateIaca(key, options with { Country = "JPN" }));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateIaca(key, options with { IssuerUri = null }));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateIaca(key, options with { Validity = TimeSpan.FromDays(365 * 21) }));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateIaca(key, options with { CommonName = " " }));
    }

    [Fact]
    public void CreateDocumentSigner_Defaults_FollowTheDocumentSignerProfile()
    {
        var ds = _pki.DocumentSigner;

        Assert.Equal(3, ds.Version);
        Assert.Equal(_pki.Iaca.SubjectName.RawData, ds.IssuerName.RawData);
        Assert.Equal("C=JP, CN=Sample DS", ds.Subject);
        var usage = Assert.IsType<X509KeyUsageExtension>(ds.Extensions["2.5.29.15"]);
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        var eku = Assert.IsType<X509EnhancedKeyUsageExtension>(ds.Extensions["2.5.29.37"]);
        Assert.True(eku.Critical);
        Assert.Equal(["1.0.18013.5.1.2"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        var aki = Assert.IsType<X509AuthorityKeyIdentifierExtension>(ds.Extensions["2.5.29.35"]);
        var iacaSki = Assert.IsType<X509SubjectKeyIdentifierExtension>(_pki.Iaca.Extensions["2.5.29.14"]);
        Assert.Equal(iacaSki.SubjectKeyIdentifierBytes.ToArray(), aki.KeyIdentifier!.Value.ToArray());
        Assert.NotNull(ds.Extensions["2.5.29.14"]);
        Assert.Equal(_pki.Iaca.Extensions["2.5.29.18"]!.RawData, ds.Extensions["2.5.29.18"]!.RawData);
        Assert.Null(ds.Extensions["2.5.29.19"]);
        Assert.Equal(MdocCertificateTestPki.Start.AddDays(365), new DateTimeOffset(ds.NotAfter));
        using var key = ds.GetECDsaPublicKey()!;
        Assert.Equal(_pki.DocumentSignerKey.PublicJwk.X, Base64Url(key.ExportParameters(false).Q.X!));
    }

    [Fact]
    public void CreateDocumentSigner_NearTheIacaNotAfter_EndsWithTheIaca()
    {
        _pki.Clock.SetUtcNow(new DateTimeOffset(_pki.Iaca.NotAfter).AddDays(-10));

        using var ds = MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, _pki.DocumentSignerKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "DS", TimeProvider = _pki.Clock });

        Assert.Equal(_pki.Iaca.NotAfter, ds.NotAfter);
    }

    [Fact]
    public void CreateDocumentSigner_PrivateJwk_CertifiesThePublicPart()
    {
        using var ds = MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, _pki.DocumentSignerKey.ExportPrivateJwk(), new DocumentSignerCertificateOptions { CommonName = "DS", TimeProvider = _pki.Clock });

        Assert.True(_pki.Validator().Validate([ds]).IsValid);
    }

    [Fact]
    public void CreateDocumentSigner_InvalidInput_Throws()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        var options = new DocumentSignerCertificateOptions { CommonName = "DS", TimeProvider = _pki.Clock };
        var dsKey = _pki.DocumentSignerKey.PublicJwk;

        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateDocumentSigner(otherKey, _pki.Iaca, dsKey, options));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateDocumentSigner(_pki.DocumentSignerKey, _pki.DocumentSigner, dsKey, options));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, dsKey, options with { Validity = TimeSpan.FromDays(458) }));
        Assert.Throws<ArgumentException>(() => MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, dsKey with { X = "AAAA" }, options));
        _pki.Clock.SetUtcNow(new DateTimeOffset(_pki.Iaca.NotAfter).AddDays(1));
        Assert.Throws<InvalidOperationException>(() => MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, dsKey, options));
    }

    [Fact]
    public void Pem_RoundTrip_SameCertificates()
    {
        var pem = MdocCertificates.ExportPem([_pki.DocumentSigner, _pki.Iaca]);

        var bundle = MdocCertificates.ParsePemBundle(pem);
        using var first = MdocCertificates.ParsePem(pem);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.Equal(2, bundle.Count);
        Assert.Equal(_pki.DocumentSigner.RawData, bundle[0].RawData);
        Assert.Equal(_pki.Iaca.RawData, bundle[1].RawData);
        Assert.Equal(_pki.DocumentSigner.RawData, first.RawData);
    }

    [Fact]
    public void ParsePem_OtherBlocksAround_OnlyCertificatesRead()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem() + "\n" + MdocCertificates.ExportPem(_pki.Iaca);

        using var certificate = MdocCertificates.ParsePem(pem);

        Assert.Equal(_pki.Iaca.RawData, certificate.RawData);
        Assert.Throws<ArgumentException>(() => MdocCertificates.ParsePem(key.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => MdocCertificates.ParsePemBundle("not pem"));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string[] ReadUris(byte[] generalNames)
    {
        var reader = new AsnReader(generalNames, AsnEncodingRules.DER).ReadSequence();
        var uri = new Asn1Tag(TagClass.ContextSpecific, 6);
        var result = new System.Collections.Generic.List<string>();
        while (reader.HasData)
        {
            if (reader.PeekTag().HasSameClassAndValue(uri))
            {
                result.Add(reader.ReadCharacterString(UniversalTagNumber.IA5String, uri));
            }
            else
            {
                reader.ReadEncodedValue();
            }
        }

        return [.. result];
    }
}
