using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Samples.Issuer;
using Credentials.Samples.Tests.Cli;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Testing.Pkcs11;
using Credentials.Trust;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary><c>keys create --cert-out --ca-cert --ca-key</c>: the issuer certificate signed by the issuer's own CA.</summary>
public sealed class IssuerOwnCaTests : IssuerTestBase
{
    private const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";
    private const string Audience = "https://shop.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";

    [Theory]
    [InlineData("pem", "ES256")]
    [InlineData("jwk", "ES384")]
    public async Task KeysCreate_OwnCa_LeafSignedByTheCaAndTheCredentialVerifiesAgainstIt(string keyForm, string caAlg)
    {
        using var caKey = ECDsa.Create(caAlg == "ES384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, "CN=IPA Issuing CA", Clock.GetUtcNow().AddYears(3));
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());
        var caKeyPath = keyForm == "pem" ? WritePemKey(caKey, "ca.key.pem") : WriteJwkKey(caKey, "ca.jwk");

        var run = await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl,
            "--ca-cert", PathOf("ca.pem"), "--ca-key", caKeyPath, "--cert-days", "30", "--json");

        using var chain = X509CertificateChain.FromPemFile(PathOf("chain.pem"));
        var leaf = chain.Leaf;
        Assert.Equal(2, chain.Certificates.Count);
        Assert.Equal(ca.Thumbprint, chain.Certificates[1].Thumbprint);
        Assert.Equal(ca.SubjectName.RawData, leaf.IssuerName.RawData);
        Assert.True(VerifiedBy(leaf, ca), "The CA's key signed the issuer certificate.");
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["issuer.credentials.example.jp"], san.EnumerateDnsNames());
        Assert.Equal(Clock.GetUtcNow().AddDays(30).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        Assert.Equal(ca.Subject, run.Json.GetProperty("certificateAuthority").GetString());
        Assert.DoesNotContain("PRIVATE KEY", run.Output, StringComparison.Ordinal);

        var result = await IssueAndVerifyAsync(ca);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(IssuerUrl, result.Value.Issuer);
    }

    [Fact]
    public async Task KeysCreate_OwnIntermediateCaWhoseKeyIsInAToken_ChainVerifiesAgainstTheRoot()
    {
        var token = SoftHsm.CreateToken("ca");
        await RunOkAsync("keys", "create", "--pkcs11", token.Uri("object=issuing-ca"), "--public-out", PathOf("ca.pub.jwk"));
        var caJwk = Jwk.Parse(File.ReadAllText(PathOf("ca.pub.jwk")));
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = CreateCa(rootKey, "CN=IPA Root CA", Clock.GetUtcNow().AddYears(10));
        using var intermediate = CreateIntermediate(root, rootKey, caJwk, Clock.GetUtcNow().AddYears(5));
        File.WriteAllText(PathOf("ca.pem"), intermediate.ExportCertificatePem() + "\n" + root.ExportCertificatePem());

        await RunOkAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl,
            "--ca-cert", PathOf("ca.pem"), "--ca-key", token.Uri("object=issuing-ca;type=private"));

        using var chain = X509CertificateChain.FromPemFile(PathOf("chain.pem"));
        Assert.Equal(3, chain.Certificates.Count);
        Assert.True(VerifiedBy(chain.Leaf, intermediate), "The token's CA key signed the issuer certificate.");
        var result = await IssueAndVerifyAsync(root);
        Assert.True(result.IsValid, result.Error?.ToString());
    }

    [Fact]
    public async Task KeysCreate_CaCertificateThatIsNotACa_NotACaAndNothingWritten()
    {
        // A leaf certificate (basicConstraints cA false) with its own key.
        await RunOkAsync("keys", "create", "--out", PathOf("leaf.jwk"), "--cert-out", PathOf("leaf-chain.pem"), "--issuer", IssuerUrl);

        var run = await RunAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl,
            "--ca-cert", PathOf("leaf-chain.pem"), "--ca-key", PathOf("leaf.jwk"), "--json");

        Assert.Equal(IssuerErrors.NotACa, run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        AssertNothingWritten(run);
    }

    [Fact]
    public async Task KeysCreate_CaKeyOfAnotherCertificate_CaKeyMismatchAndNothingWritten()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, "CN=IPA Issuing CA", Clock.GetUtcNow().AddYears(3));
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());

        var run = await RunAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl,
            "--ca-cert", PathOf("ca.pem"), "--ca-key", WritePemKey(otherKey, "other.key.pem"), "--json");

        Assert.Equal(IssuerErrors.CaKeyMismatch, run.ErrorCode);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertNothingWritten(run);
    }

    [Fact]
    public async Task KeysCreate_CertificateWouldOutliveTheCa_InvalidOptionAndNothingWritten()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, "CN=IPA Issuing CA", Clock.GetUtcNow().AddDays(10));
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());

        var run = await RunAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl,
            "--ca-cert", PathOf("ca.pem"), "--ca-key", WritePemKey(caKey, "ca.key.pem"), "--cert-days", "30", "--json");

        Assert.Equal(CliErrors.InvalidOptionCode, run.ErrorCode);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertNothingWritten(run);
    }

    [Fact]
    public async Task KeysCreate_CaCertWithoutCaKey_UsageError()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa(caKey, "CN=IPA Issuing CA", Clock.GetUtcNow().AddYears(3));
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());

        var run = await RunAsync("keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl, "--ca-cert", PathOf("ca.pem"), "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(PathOf("issuer.jwk")));
    }

    private void AssertNothingWritten(CliRun run)
    {
        Assert.False(File.Exists(PathOf("issuer.jwk")));
        Assert.False(File.Exists(PathOf("chain.pem")));
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", run.Output + run.Error, StringComparison.Ordinal);
    }

    private async Task<SdJwtVcVerificationResult> IssueAndVerifyAsync(X509Certificate2 trustAnchor)
    {
        await CreateKeyAsync("holder");
        await RunOkAsync("issue", "--key", PathOf("issuer.jwk"), "--issuer", IssuerUrl, "--cert", PathOf("chain.pem"), "--type", "age", "--claims", SampleClaims("age"), "--holder-key", PathOf("holder.pub.jwk"), "--out", PathOf("age.sd-jwt"));
        using var holderKey = SigningKey.FromJwk(Jwk.Parse(File.ReadAllText(PathOf("holder.jwk"))));
        var sdJwt = SdJwtToken.Read(File.ReadAllText(PathOf("age.sd-jwt"))).Value;
        var holder = new SdJwtHolder(new SdJwtHolderOptions { TimeProvider = Clock });
        var paths = holder.GetDisclosableClaims(sdJwt).Value.Select(c => c.Path).ToArray();
        var presentation = (await holder.PresentAsync(sdJwt, paths, new KeyBindingInput(Audience, Nonce), holderKey)).Value.Serialize();
        var verifier = new SdJwtVcVerifier(new X509IssuerKeyResolver([trustAnchor], Clock), options: new SdJwtVcVerifierOptions { TimeProvider = Clock });
        return await verifier.VerifyAsync(presentation, new SdJwtVcPolicy { KeyBinding = KeyBindingRequirement.Required(Audience, Nonce), Status = StatusCheck.Skip });
    }

    private X509Certificate2 CreateCa(ECDsa key, string subject, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, key.KeySize == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(Clock.GetUtcNow().AddDays(-1), notAfter);
    }

    private X509Certificate2 CreateIntermediate(X509Certificate2 root, ECDsa rootKey, Jwk caPublicKey, DateTimeOffset notAfter)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(PublicKeyInfo.FromJwk(caPublicKey), out _);
        var request = new CertificateRequest(new X500DistinguishedName("CN=IPA Issuing CA (token)"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, critical: false));
        return request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), Clock.GetUtcNow().AddDays(-1), notAfter, [0x01, 0x02, 0x03]);
    }

    private static bool VerifiedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuer);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.VerificationTime = certificate.NotBefore.AddMinutes(10);
        return chain.Build(certificate) && chain.ChainElements.Count >= 2 && chain.ChainElements[1].Certificate.Thumbprint == issuer.Thumbprint;
    }

    private string WritePemKey(ECDsa key, string name)
    {
        File.WriteAllText(PathOf(name), key.ExportPkcs8PrivateKeyPem());
        return PathOf(name);
    }

    private string WriteJwkKey(ECDsa key, string name)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        var jwk = new Jwk
        {
            Kty = JwkKeyTypes.EC,
            Crv = key.KeySize == 384 ? JwkCurves.P384 : JwkCurves.P256,
            X = System.Buffers.Text.Base64Url.EncodeToString(p.Q.X),
            Y = System.Buffers.Text.Base64Url.EncodeToString(p.Q.Y),
            D = System.Buffers.Text.Base64Url.EncodeToString(p.D),
        };
        File.WriteAllText(PathOf(name), jwk.ToJson());
        return PathOf(name);
    }
}
