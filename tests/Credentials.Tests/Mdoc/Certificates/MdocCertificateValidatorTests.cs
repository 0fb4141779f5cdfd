using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.Mdoc.Certificates;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Tests.Mdoc.Certificates;

public sealed class MdocCertificateValidatorTests : IDisposable
{
    private readonly MdocCertificateTestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void Validate_DocumentSignerUnderIaca_ReturnsItsKeyAndTheAnchor()
    {
        var result = _pki.Validator().Validate([_pki.DocumentSigner]);

        Assert.True(result.IsValid, result.ToString());
        var validation = result.Value;
        Assert.Equal(_pki.DocumentSigner.RawData, validation.DocumentSigner.RawData);
        Assert.Equal(_pki.Iaca.RawData, validation.TrustAnchor.RawData);
        Assert.Equal(2, validation.Chain.Count);
        Assert.False(validation.IsPinned);
        Assert.Equal(_pki.DocumentSignerKey.PublicJwk.X, validation.DocumentSignerKey.Jwk.X);
        var data = Encoding.UTF8.GetBytes("MobileSecurityObject");
        Assert.True(validation.DocumentSignerKey.Verify(JwsAlgorithm.Es256, data, _pki.DocumentSignerKey.Sign(data)));
    }

    [Fact]
    public void Validate_ChainCarriesTheIaca_Valid()
    {
        var result = _pki.Validator().Validate([_pki.DocumentSigner, _pki.Iaca]);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(_pki.Iaca.RawData, result.Value.TrustAnchor.RawData);
    }

    [Fact]
    public void Validate_DerOverload_SameOutcome()
    {
        var valid = _pki.Validator().Validate([(ReadOnlyMemory<byte>)_pki.DocumentSigner.RawData]);
        var garbage = _pki.Validator().Validate([(ReadOnlyMemory<byte>)new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }]);

        Assert.True(valid.IsValid, valid.ToString());
        Assert.Equal(MdocCertificateErrors.Malformed, garbage.Error!.Code);
    }

    [Fact]
    public void Validate_P384Pki_Valid()
    {
        using var pki = new MdocCertificateTestPki(JwsAlgorithm.Es384);

        var result = pki.Validator().Validate([pki.DocumentSigner]);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(JwkCurves.P384, result.Value.DocumentSignerKey.Jwk.Crv);
    }

    [Fact]
    public void Validate_Ed25519DocumentSigner_ReturnsOkpKey()
    {
        using var dsKey = SigningKey.Create(JwsAlgorithm.EdDsa);
        using var ds = MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, dsKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "Ed25519 DS", TimeProvider = _pki.Clock });

        var result = _pki.Validator().Validate([ds]);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(JwkCurves.Ed25519, result.Value.DocumentSignerKey.Jwk.Crv);
        var data = Encoding.UTF8.GetBytes("mso");
        Assert.True(result.Value.DocumentSignerKey.Verify(JwsAlgorithm.EdDsa, data, dsKey.Sign(data)));
    }

    [Fact]
    public void Validate_OtherIacaAsAnchor_UntrustedChain()
    {
        using var other = new MdocCertificateTestPki();
        var validator = new MdocCertificateValidator([other.Iaca], options: new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock });

        var result = validator.Validate([_pki.DocumentSigner, _pki.Iaca]);

        Assert.Equal(MdocCertificateErrors.UntrustedChain, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.UntrustedIssuer, result.Error.Kind);
    }

    [Fact]
    public void Validate_IacaWithSameNameButOtherKey_UntrustedChain()
    {
        using var otherKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var impostor = _pki.CustomRoot(otherKey, _pki.Iaca.Subject);
        using var ds = _pki.CustomDocumentSigner(issuer: impostor, issuerKey: otherKey);

        var result = _pki.Validator().Validate([ds, impostor]);

        Assert.Equal(MdocCertificateErrors.UntrustedChain, result.Error!.Code);
    }

    [Fact]
    public void Validate_DocumentSignerSignatureAltered_UntrustedChain()
    {
        var der = _pki.DocumentSigner.RawData;
        der[^3] ^= 0x01;

        var result = _pki.Validator().Validate([(ReadOnlyMemory<byte>)der]);

        Assert.Equal(MdocCertificateErrors.UntrustedChain, result.Error!.Code);
    }

    [Fact]
    public void Validate_AfterDocumentSignerNotAfter_Expired()
    {
        _pki.Clock.Advance(TimeSpan.FromDays(366));

        var result = _pki.Validator().Validate([_pki.DocumentSigner]);

        Assert.Equal(MdocCertificateErrors.Expired, result.Error!.Code);
        Assert.Equal(VerificationFailureKind.Expired, result.Error.Kind);
    }

    [Fact]
    public void Validate_AtDocumentSignerNotAfter_StillValid()
    {
        _pki.Clock.SetUtcNow(new DateTimeOffset(_pki.DocumentSigner.NotAfter));

        Assert.True(_pki.Validator().Validate([_pki.DocumentSigner]).IsValid);
    }

    [Fact]
    public void Validate_BeforeNotBefore_NotYetValid()
    {
        var earlier = new FakeTimeProvider(MdocCertificateTestPki.Start.AddDays(-1));
        var validator = new MdocCertificateValidator([_pki.Iaca], options: new MdocCertificateValidatorOptions { TimeProvider = earlier });

        var result = validator.Validate([_pki.DocumentSigner]);

        Assert.Equal(MdocCertificateErrors.NotYetValid, result.Error!.Code);
    }

    [Fact]
    public void Validate_WithoutMdlDsExtendedKeyUsage_ExtendedKeyUsage()
    {
        using var noEku = _pki.CustomDocumentSigner(extendedKeyUsages: []);
        using var serverAuth = _pki.CustomDocumentSigner(extendedKeyUsages: ["1.3.6.1.5.5.7.3.1"]);

        Assert.Equal(MdocCertificateErrors.ExtendedKeyUsage, _pki.Validator().Validate([noEku]).Error!.Code);
        Assert.Equal(MdocCertificateErrors.ExtendedKeyUsage, _pki.Validator().Validate([serverAuth]).Error!.Code);
    }

    [Fact]
    public void Validate_CustomProfileDocumentSigner_Valid()
    {
        // The custom builder makes a valid DS by default: the failure tests below differ from it in one thing only.
        using var ds = _pki.CustomDocumentSigner();

        Assert.True(_pki.Validator().Validate([ds]).IsValid);
    }

    [Fact]
    public void Validate_KeyUsageWithoutDigitalSignature_KeyUsage()
    {
        using var keyAgreement = _pki.CustomDocumentSigner(keyUsage: X509KeyUsageFlags.KeyAgreement);
        using var none = _pki.CustomDocumentSigner(keyUsage: null);

        Assert.Equal(MdocCertificateErrors.KeyUsage, _pki.Validator().Validate([keyAgreement]).Error!.Code);
        Assert.Equal(MdocCertificateErrors.KeyUsage, _pki.Validator().Validate([none]).Error!.Code);
    }

    [Fact]
    public void Validate_DocumentSignerIsCa_KeyUsage()
    {
        using var ds = _pki.CustomDocumentSigner(ca: true);

        Assert.Equal(MdocCertificateErrors.KeyUsage, _pki.Validator().Validate([ds]).Error!.Code);
    }

    [Theory]
    [InlineData("C=US, CN=Custom DS")]
    [InlineData("CN=Custom DS")]
    public void Validate_DocumentSignerOfAnotherCountry_CountryMismatch(string subject)
    {
        using var ds = _pki.CustomDocumentSigner(subject: subject);

        Assert.Equal(MdocCertificateErrors.CountryMismatch, _pki.Validator().Validate([ds]).Error!.Code);
    }

    [Fact]
    public void Validate_StateOfIacaNotInDocumentSigner_CountryMismatch()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var root = _pki.CustomRoot(key, "C=US, S=CA, CN=State IACA");
        using var sameState = _pki.CustomDocumentSigner(subject: "C=US, S=CA, CN=DS", issuer: root, issuerKey: key);
        using var noState = _pki.CustomDocumentSigner(subject: "C=US, CN=DS", issuer: root, issuerKey: key);
        var validator = new MdocCertificateValidator([root], options: new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock });

        Assert.True(validator.Validate([sameState]).IsValid);
        Assert.Equal(MdocCertificateErrors.CountryMismatch, validator.Validate([noState]).Error!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void Validate_RootWithoutCaFlag_KeyUsage(bool? ca)
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var root = _pki.CustomRoot(key, ca: ca);
        using var ds = _pki.CustomDocumentSigner(issuer: root, issuerKey: key);
        var validator = new MdocCertificateValidator([root], options: new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock });

        Assert.Equal(MdocCertificateErrors.KeyUsage, validator.Validate([ds]).Error!.Code);
    }

    [Fact]
    public void Validate_RootWithoutKeyCertSign_KeyUsage()
    {
        using var key = SigningKey.Create(JwsAlgorithm.Es256);
        using var root = _pki.CustomRoot(key, keyUsage: X509KeyUsageFlags.CrlSign);
        using var ds = _pki.CustomDocumentSigner(issuer: root, issuerKey: key);
        var validator = new MdocCertificateValidator([root], options: new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock });

        Assert.Equal(MdocCertificateErrors.KeyUsage, validator.Validate([ds]).Error!.Code);
    }

    [Fact]
    public void Validate_MoreCertificatesThanTheLimit_ChainTooLong()
    {
        var result = _pki.Validator().Validate([_pki.DocumentSigner, _pki.Iaca, _pki.Iaca, _pki.Iaca]);

        Assert.Equal(MdocCertificateErrors.ChainTooLong, result.Error!.Code);
    }

    [Fact]
    public void Validate_BuiltPathLongerThanTheLimit_ChainTooLong()
    {
        using var rootKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var intermediateKey = SigningKey.Create(JwsAlgorithm.Es256);
        using var root = _pki.CustomRoot(rootKey, "C=JP, CN=Root", pathLength: 1);
        using var intermediate = IssueCa(root, rootKey, intermediateKey, "C=JP, CN=Intermediate");
        using var ds = _pki.CustomDocumentSigner(issuer: intermediate, issuerKey: intermediateKey);
        var options = new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock, MaxChainLength = 2 };

        var limited = new MdocCertificateValidator([root], options: options).Validate([ds, intermediate]);
        var allowed = new MdocCertificateValidator([root], options: options with { MaxChainLength = 3 }).Validate([ds, intermediate]);

        Assert.Equal(MdocCertificateErrors.ChainTooLong, limited.Error!.Code);
        Assert.True(allowed.IsValid, allowed.ToString());
        Assert.Equal(3, allowed.Value.Chain.Count);
    }

    [Fact]
    public void Validate_Empty_Malformed()
    {
        Assert.Equal(MdocCertificateErrors.Malformed, _pki.Validator().Validate(Array.Empty<X509Certificate2>()).Error!.Code);
    }

    [Fact]
    public void Validate_AnnexDDocumentSignerPinned_ValidInsideItsValidity()
    {
        using var annexD = MdocCertificateTestPki.AnnexDDocumentSigner();
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var validator = new MdocCertificateValidator([], [annexD], new MdocCertificateValidatorOptions { TimeProvider = clock });

        var result = validator.Validate([(ReadOnlyMemory<byte>)Convert.FromHexString(MdocCertificateTestPki.AnnexDDocumentSignerHex)]);

        Assert.True(result.IsValid, result.ToString());
        Assert.True(result.Value.IsPinned);
        Assert.Equal(JwkCurves.P256, result.Value.DocumentSignerKey.Jwk.Crv);
        Assert.Equal(annexD.RawData, result.Value.TrustAnchor.RawData);
    }

    [Fact]
    public void Validate_AnnexDDocumentSignerPinned_ExpiredAfterItsValidity()
    {
        using var annexD = MdocCertificateTestPki.AnnexDDocumentSigner();
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 10, 2, 0, 0, 0, TimeSpan.Zero));
        var validator = new MdocCertificateValidator([], [annexD], new MdocCertificateValidatorOptions { TimeProvider = clock });

        Assert.Equal(MdocCertificateErrors.Expired, validator.Validate([annexD]).Error!.Code);
    }

    [Fact]
    public void Validate_AnnexDDocumentSignerNotPinned_UntrustedChain()
    {
        using var annexD = MdocCertificateTestPki.AnnexDDocumentSigner();
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var validator = new MdocCertificateValidator([_pki.Iaca], options: new MdocCertificateValidatorOptions { TimeProvider = clock });

        Assert.Equal(MdocCertificateErrors.UntrustedChain, validator.Validate([annexD]).Error!.Code);
    }

    [Fact]
    public void Validate_PinnedCertificateWithoutMdlDsUsage_StillRefused()
    {
        using var ds = _pki.CustomDocumentSigner(extendedKeyUsages: []);
        var validator = new MdocCertificateValidator([], [ds], new MdocCertificateValidatorOptions { TimeProvider = _pki.Clock });

        Assert.Equal(MdocCertificateErrors.ExtendedKeyUsage, validator.Validate([ds]).Error!.Code);
    }

    [Fact]
    public void Validate_Repeated_ReturnsTheCachedValidation()
    {
        var validator = _pki.Validator();

        var first = validator.Validate([_pki.DocumentSigner]);
        var second = validator.Validate([(ReadOnlyMemory<byte>)_pki.DocumentSigner.RawData]);

        Assert.Same(first.Value, second.Value);
    }

    [Fact]
    public void Validate_CachedThenExpired_Expired()
    {
        var validator = _pki.Validator();
        Assert.True(validator.Validate([_pki.DocumentSigner]).IsValid);

        _pki.Clock.Advance(TimeSpan.FromDays(366));

        Assert.Equal(MdocCertificateErrors.Expired, validator.Validate([_pki.DocumentSigner]).Error!.Code);
    }

    [Fact]
    public void Validate_CacheOffOrStale_ValidatesAgain()
    {
        var off = _pki.Validator(new MdocCertificateValidatorOptions { MaxCacheEntries = 0 });
        var shortLived = _pki.Validator(new MdocCertificateValidatorOptions { CacheDuration = TimeSpan.FromMinutes(1) });

        var a = off.Validate([_pki.DocumentSigner]).Value;
        var b = off.Validate([_pki.DocumentSigner]).Value;
        var c = shortLived.Validate([_pki.DocumentSigner]).Value;
        _pki.Clock.Advance(TimeSpan.FromMinutes(2));
        var d = shortLived.Validate([_pki.DocumentSigner]).Value;

        Assert.NotSame(a, b);
        Assert.NotSame(c, d);
    }

    [Fact]
    public void Validate_CacheFull_StaysBoundedAndCorrect()
    {
        var validator = _pki.Validator(new MdocCertificateValidatorOptions { MaxCacheEntries = 2 });
        for (var i = 0; i < 5; i++)
        {
            using var ds = MdocCertificates.CreateDocumentSigner(_pki.IacaKey, _pki.Iaca, _pki.DocumentSignerKey.PublicJwk, new DocumentSignerCertificateOptions { CommonName = "DS " + i, TimeProvider = _pki.Clock });
            Assert.True(validator.Validate([ds]).IsValid);
        }

        Assert.True(validator.Validate([_pki.DocumentSigner]).IsValid);
    }

    [Fact]
    public void Constructor_NoAnchorAndNothingPinned_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MdocCertificateValidator([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MdocCertificateValidator([_pki.Iaca], options: new MdocCertificateValidatorOptions { MaxChainLength = 0 }));
    }

    private X509Certificate2 IssueCa(X509Certificate2 issuer, SigningKey issuerKey, SigningKey subjectKey, string subject)
    {
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, subjectKey.Ecdsa!, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var notBefore = _pki.Clock.GetUtcNow();
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey.Ecdsa!), notBefore, notBefore.AddYears(2), [0x43, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
    }
}
