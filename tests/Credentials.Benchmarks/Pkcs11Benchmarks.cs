using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Credentials.Keys;
using Credentials.Pkcs11;
using Credentials.SdJwtVc;
using Credentials.Testing.Pkcs11;

namespace Credentials.Benchmarks;

/// <summary>
/// An ES256 issuer key in software (<see cref="SigningKey"/>) against one inside a PKCS#11 token
/// (<see cref="Pkcs11Signer"/> over SoftHSM2, a throw-away token made by <see cref="SoftHsm"/>), in the same run:
/// one raw signature over a message as long as an SD-JWT VC's signing input, and a batch of 100 SD-JWT VCs (the exam
/// pass of <see cref="ExamWorkload"/>, 10 disclosable claims and a holder key each) issued one after the other.
/// SoftHSM2 computes in software too, so the difference is the PKCS#11 path (session pool, C_SignInit/C_Sign, the
/// module's own ECDSA), not a hardware HSM's speed. Run with <c>--inProcess</c>: the token lives in this process.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class Pkcs11Benchmarks
{
    /// <summary>Credentials per batch.</summary>
    public const int BatchSize = 100;

    private SigningKey _software = null!;
    private Pkcs11Token _token = null!;
    private Pkcs11Signer _tokenSigner = null!;
    private SdJwtVcIssuer _softwareIssuer = null!;
    private SdJwtVcIssuer _tokenIssuer = null!;
    private Jwk[] _holders = null!;
    private ReadOnlyMemory<byte> _signingInput;

    /// <summary>Creates the token and both keys, and checks that a token signature verifies with the token's public key.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var softHsmToken = SoftHsm.CreateToken("bench");
        _token = Pkcs11Token.Open(Pkcs11Uri.Parse(softHsmToken.Uri()));
        _tokenSigner = _token.GenerateKeyPair(JwsAlgorithm.Es256, "bench-es256", [1], keyId: "bench");
        _software = SigningKey.Create(JwsAlgorithm.Es256, "bench");
        var options = new SdJwtVcIssuerOptions { Issuer = ExamWorkload.Issuer, DefaultValidity = TimeSpan.FromDays(365) };
        _softwareIssuer = new SdJwtVcIssuer(_software, options);
        _tokenIssuer = new SdJwtVcIssuer(_tokenSigner, options);
        _holders = new Jwk[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            using var holder = SigningKey.Create(JwsAlgorithm.Es256);
            _holders[i] = holder.PublicJwk;
        }

        var issued = await _tokenIssuer.IssueAsync(ExamWorkload.Issuance(_holders[0]));
        var jwt = issued.IssuerSignedJwt;
        _signingInput = Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);

        // A benchmark of a signer whose signatures do not verify would measure the wrong thing.
        var jwk = _tokenSigner.PublicJwk;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
        });
        var signature = await _tokenSigner.SignAsync(_signingInput);
        if (!ecdsa.VerifyData(_signingInput.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new InvalidOperationException("The token's ES256 signature does not verify with its public key.");
        }
    }

    /// <summary>Closes the token's sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _token.Dispose();
        _software.Dispose();
    }

    /// <summary>One ES256 signature with the software key.</summary>
    [Benchmark(Baseline = true, Description = "ES256 sign: software key")]
    [BenchmarkCategory("1 signature")]
    public ValueTask<byte[]> SignSoftware() => _software.SignAsync(_signingInput);

    /// <summary>One ES256 signature with the key inside the token.</summary>
    [Benchmark(Description = "ES256 sign: PKCS#11 token (SoftHSM2)")]
    [BenchmarkCategory("1 signature")]
    public ValueTask<byte[]> SignToken() => _tokenSigner.SignAsync(_signingInput);

    /// <summary>100 SD-JWT VCs issued one after the other with the software key.</summary>
    [Benchmark(Baseline = true, Description = "issue 100 SD-JWT VCs: software key")]
    [BenchmarkCategory("2 batch of 100")]
    public Task<int> BatchSoftware() => IssueBatchAsync(_softwareIssuer);

    /// <summary>100 SD-JWT VCs issued one after the other with the key inside the token.</summary>
    [Benchmark(Description = "issue 100 SD-JWT VCs: PKCS#11 token (SoftHSM2)")]
    [BenchmarkCategory("2 batch of 100")]
    public Task<int> BatchToken() => IssueBatchAsync(_tokenIssuer);

    private async Task<int> IssueBatchAsync(SdJwtVcIssuer issuer)
    {
        var length = 0;
        foreach (var holder in _holders)
        {
            var issued = await issuer.IssueAsync(ExamWorkload.Issuance(holder));
            length += issued.IssuerSignedJwt.Length;
        }

        return length;
    }
}
