using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Credentials.Samples.Issuer;
using Credentials.Samples.Tests.Cli;
using Xunit;

namespace Credentials.Samples.Tests.Issuer;

/// <summary>
/// <c>keys create --cert-out --ca-cert</c>: the issuer certificate starts no earlier than its CA, carries an authority
/// key identifier even when the CA has no subject key identifier, and is refused when it would not build through the
/// given chain (an expired certificate above the CA, a path length constraint broken).
/// </summary>
public sealed class IssuerOwnCaChainTests : IssuerTestBase
{
    private const string IssuerUrl = "https://issuer.credentials.example.jp/ipa";

    [Fact]
    public async Task KeysCreate_CaMadeJustNow_LeafStartsNoEarlierThanTheCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.FromUnixTimeSeconds(Clock.GetUtcNow().ToUnixTimeSeconds());
        using var ca = Ca(caKey, "CN=Fresh CA", null, null, now, now.AddYears(3), pathLength: null, subjectKeyId: true);
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());

        await CreateAsync(caKey, expectOk: true);

        using var leaf = Leaf();
        Assert.True(leaf.NotBefore.ToUniversalTime() >= ca.NotBefore.ToUniversalTime(), $"leaf {leaf.NotBefore:O} before CA {ca.NotBefore:O}");
    }

    [Fact]
    public async Task KeysCreate_CaWithoutSubjectKeyIdentifier_AuthorityKeyIdentifierFromItsPublicKey()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Ca(caKey, "CN=CA without SKI", null, null, Clock.GetUtcNow().AddDays(-1), Clock.GetUtcNow().AddYears(3), pathLength: null, subjectKeyId: false);
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem());

        await CreateAsync(caKey, expectOk: true);

        using var leaf = Leaf();
        var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault();
        Assert.NotNull(aki);
        var expected = new X509SubjectKeyIdentifierExtension(ca.PublicKey, critical: false).SubjectKeyIdentifierBytes.ToArray();
        Assert.Equal(expected, aki.KeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public async Task KeysCreate_ExpiredCertificateAboveTheCa_CaChainInvalidAndNothingWritten()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var middleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = Clock.GetUtcNow();
        using var root = Ca(rootKey, "CN=Root", null, null, now.AddYears(-5), now.AddYears(10), pathLength: null, subjectKeyId: true);
        using var middle = Ca(middleKey, "CN=Expired intermediate", root, rootKey, now.AddYears(-4), now.AddDays(-1), pathLength: null, subjectKeyId: true);
        using var ca = Ca(caKey, "CN=Issuing CA", middle, middleKey, now.AddYears(-3), now.AddYears(3), pathLength: null, subjectKeyId: true);
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem() + "\n" + middle.ExportCertificatePem() + "\n" + root.ExportCertificatePem());

        var run = await CreateAsync(caKey, expectOk: false);

        Assert.Equal(IssuerErrors.CaChainInvalid, run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.False(File.Exists(PathOf("issuer.jwk")));
        Assert.False(File.Exists(PathOf("chain.pem")));
    }

    [Fact]
    public async Task KeysCreate_PathLengthConstraintBroken_CaChainInvalidAndNothingWritten()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = Clock.GetUtcNow();
        // A root that allows no CA below it (pathLenConstraint 0) over an issuing CA: the issuer certificate breaks it.
        using var root = Ca(rootKey, "CN=Root pathLen 0", null, null, now.AddYears(-1), now.AddYears(10), pathLength: 0, subjectKeyId: true);
        using var ca = Ca(caKey, "CN=Issuing CA", root, rootKey, now.AddDays(-1), now.AddYears(3), pathLength: null, subjectKeyId: true);
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem() + "\n" + root.ExportCertificatePem());

        var run = await CreateAsync(caKey, expectOk: false);

        Assert.Equal(IssuerErrors.CaChainInvalid, run.ErrorCode);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.False(File.Exists(PathOf("issuer.jwk")));
    }

    [Fact]
    public async Task KeysCreate_ValidIntermediateChain_Created()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = Clock.GetUtcNow();
        using var root = Ca(rootKey, "CN=Root pathLen 1", null, null, now.AddYears(-1), now.AddYears(10), pathLength: 1, subjectKeyId: true);
        using var ca = Ca(caKey, "CN=Issuing CA", root, rootKey, now.AddDays(-1), now.AddYears(3), pathLength: 0, subjectKeyId: true);
        File.WriteAllText(PathOf("ca.pem"), ca.ExportCertificatePem() + "\n" + root.ExportCertificatePem());

        await CreateAsync(caKey, expectOk: true);

        Assert.True(File.Exists(PathOf("chain.pem")));
    }

    private async Task<CliRun> CreateAsync(ECDsa caKey, bool expectOk)
    {
        File.WriteAllText(PathOf("ca.key.pem"), caKey.ExportPkcs8PrivateKeyPem());
        string[] args = ["keys", "create", "--out", PathOf("issuer.jwk"), "--cert-out", PathOf("chain.pem"), "--issuer", IssuerUrl, "--ca-cert", PathOf("ca.pem"), "--ca-key", PathOf("ca.key.pem"), "--cert-days", "30", "--json"];
        return expectOk ? await RunOkAsync(args) : await RunAsync(args);
    }

    private X509Certificate2 Leaf()
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(File.ReadAllText(PathOf("chain.pem")));
        for (var i = 1; i < certificates.Count; i++)
        {
            certificates[i].Dispose();
        }

        return certificates[0];
    }

    private static X509Certificate2 Ca(ECDsa key, string subject, X509Certificate2? issuer, ECDsa? issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength, bool subjectKeyId)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: pathLength is not null, pathLengthConstraint: pathLength ?? 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        if (subjectKeyId)
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        }

        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
