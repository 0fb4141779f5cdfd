using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Credentials.Mdoc;

namespace Credentials.Benchmarks;

/// <summary>
/// Issue one mdoc (an mDL with 8 elements) and verify a DeviceResponse with one document and 4 elements, each next to
/// its raw floor measured in the same run: for issuance one ES256 signature over a message as long as the MSO; for
/// verification two ECDSA P-256 verifications (messages as long as the MSO and the DeviceAuthentication) plus the
/// document signer's chain built to the IACA with <see cref="X509ChainTrustMode.CustomRootTrust"/>. The verifier runs
/// with its default cache of validated chains, and with that cache off (the chain validated on every call); beside
/// them the floor once more with the document-signer certificate loaded from its bytes, as an uncached verifier must.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MdocVerifierBenchmarks
{
    private MdocWorkload _workload = null!;
    private MdocVerifier _verifier = null!;
    private MdocVerifier _verifierNoCache = null!;
    private byte[] _msoMessage = null!;
    private byte[] _msoSignature = null!;
    private byte[] _deviceMessage = null!;
    private byte[] _deviceSignature = null!;
    private ECDsa _documentSignerPublic = null!;
    private ECDsa _devicePublic = null!;
    private byte[] _documentSignerDer = null!;

    /// <summary>Creates the certificates and keys, issues and presents once, and checks that the response verifies.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _workload = await MdocWorkload.CreateAsync();
        _verifier = _workload.Verifier(trustCache: true);
        _verifierNoCache = _workload.Verifier(trustCache: false);
        foreach (var verifier in new[] { _verifier, _verifierNoCache })
        {
            var check = verifier.Verify(_workload.DeviceResponse, _workload.Transcript);
            if (!check.IsValid || check.Value.Documents[0].Elements["org.iso.18013.5.1"].Count != 4)
            {
                // A benchmark of a failing verification would measure the wrong thing.
                throw new InvalidOperationException($"The benchmark DeviceResponse does not verify: {check.Error?.Code}.");
            }
        }

        _msoMessage = RandomNumberGenerator.GetBytes(_workload.MsoLength + 20);
        _deviceMessage = RandomNumberGenerator.GetBytes(_workload.DeviceAuthenticationLength);
        _msoSignature = _workload.DocumentSignerKey.Sign(_msoMessage);
        _deviceSignature = _workload.DeviceKey.Sign(_deviceMessage);
        _documentSignerPublic = _workload.DocumentSigner.GetECDsaPublicKey()!;
        _documentSignerDer = _workload.DocumentSigner.RawData;
        _devicePublic = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url(_workload.DeviceKey.PublicJwk.X!), Y = Base64Url(_workload.DeviceKey.PublicJwk.Y!) },
        });
        if (!FloorVerify())
        {
            throw new InvalidOperationException("The floor does not verify.");
        }
    }

    /// <summary>Floor for issuance: one ES256 signature over a message as long as the MSO's Sig_structure.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 ES256 signature")]
    [BenchmarkCategory("1 issue")]
    public byte[] FloorIssue() => _workload.DocumentSignerKey.Sign(_msoMessage);

    /// <summary>Issues one mDL with 8 elements (random salts, digests, MSO, COSE_Sign1 with x5chain).</summary>
    [Benchmark(Description = "issue mDL (8 elements)")]
    [BenchmarkCategory("1 issue")]
    public ValueTask<IssuerSigned> Issue() => _workload.Issuer.IssueAsync(_workload.Issuance());

    /// <summary>
    /// Floor for verification: the MSO signature and the device signature verified with ECDSA P-256, and the document
    /// signer's chain built to the IACA as a custom root (no revocation check).
    /// </summary>
    [Benchmark(Baseline = true, Description = "floor: 2 ECDSA P-256 verifications + X509Chain")]
    [BenchmarkCategory("2 verify")]
    public bool FloorVerify()
    {
        var ok = _documentSignerPublic.VerifyData(_msoMessage, _msoSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        ok &= _devicePublic.VerifyData(_deviceMessage, _deviceSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_workload.Iaca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return ok & chain.Build(_workload.DocumentSigner);
    }

    /// <summary>
    /// The floor as a verifier without a cache meets it: the document-signer certificate is first loaded from its DER
    /// bytes (as they arrive in <c>x5chain</c>), then the same verifications and chain.
    /// </summary>
    [Benchmark(Description = "floor, DS certificate loaded from x5chain bytes")]
    [BenchmarkCategory("2 verify")]
    public bool FloorVerifyLoadingCertificate()
    {
        var ok = _documentSignerPublic.VerifyData(_msoMessage, _msoSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        ok &= _devicePublic.VerifyData(_deviceMessage, _deviceSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var documentSigner = X509CertificateLoader.LoadCertificate(_documentSignerDer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_workload.Iaca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return ok & chain.Build(documentSigner);
    }

    /// <summary>Verifies the DeviceResponse (1 document, 4 elements) with the default cache of validated chains.</summary>
    [Benchmark(Description = "verify DeviceResponse (1 doc, 4 elements)")]
    [BenchmarkCategory("2 verify")]
    public MdocVerificationResult Verify() => _verifier.Verify(_workload.DeviceResponse, _workload.Transcript);

    /// <summary>The same with the chain cache off: the document signer's chain is validated on every call.</summary>
    [Benchmark(Description = "verify DeviceResponse, no chain cache")]
    [BenchmarkCategory("2 verify")]
    public MdocVerificationResult VerifyNoChainCache() => _verifierNoCache.Verify(_workload.DeviceResponse, _workload.Transcript);

    /// <summary>Releases the keys.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _workload.Dispose();
        _documentSignerPublic.Dispose();
        _devicePublic.Dispose();
    }

    private static byte[] Base64Url(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);
}
