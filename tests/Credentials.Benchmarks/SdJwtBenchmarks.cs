using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using NSec.Cryptography;

namespace Credentials.Benchmarks;

/// <summary>
/// Issue an SD-JWT VC with 10 disclosable claims and a holder key, present 3 with a KB-JWT, and verify that
/// presentation from a trust list (no network), each next to its raw floor measured in the same run on messages of
/// the same size: one signature of the Issuer-signed JWT's signing input; one signature of the KB-JWT's; and for
/// verification two verifications plus the import of the holder's public key, straight through NSec (Ed25519) or
/// System.Security.Cryptography (ECDSA). The Ratio column is the cost in floors.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SdJwtBenchmarks
{
    private const string Issuer = ExamWorkload.Issuer;
    private const string Vct = ExamWorkload.Vct;
    private const string Audience = ExamWorkload.Audience;
    private const string Nonce = ExamWorkload.Nonce;

    private JwsAlgorithm _algorithm = null!;
    private SigningKey _issuerKey = null!;
    private SigningKey _holderKey = null!;
    private SdJwtVcIssuer _issuer = null!;
    private SdJwtHolder _holder = null!;
    private SdJwtVcVerifier _verifier = null!;
    private SdJwtVcPolicy _policy = null!;
    private Credentials.SdJwt.SdJwtToken _issued = null!;
    private string _presentation = null!;
    private string _issuedText = null!;
    private List<ClaimPath> _selection = null!;
    private KeyBindingInput _keyBindingInput = null!;

    // The floor's inputs: messages as long as the real signing inputs, their signatures, and the raw keys.
    private byte[] _issuerInput = null!;
    private byte[] _issuerSignature = null!;
    private byte[] _keyBindingInput2 = null!;
    private byte[] _keyBindingSignature = null!;
    private PublicKey? _issuerEd25519;
    private ECDsa? _issuerEcdsa;
    private byte[] _holderX = null!;
    private byte[] _holderY = null!;

    /// <summary>The signature algorithm of both the issuer and the holder.</summary>
    [Params("EdDSA", "ES256")]
    public string Algorithm { get; set; } = "EdDSA";

    /// <summary>Creates the keys, issues once and presents once, and checks that the presentation verifies.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        if (!JwsAlgorithm.TryGet(Algorithm, out var algorithm))
        {
            throw new InvalidOperationException($"Unknown algorithm {Algorithm}.");
        }

        _algorithm = algorithm;
        _issuerKey = SigningKey.Create(algorithm);
        _holderKey = SigningKey.Create(algorithm);
        _issuer = new SdJwtVcIssuer(_issuerKey, options: new SdJwtVcIssuerOptions { Issuer = Issuer, DefaultValidity = TimeSpan.FromDays(365) });
        _holder = new SdJwtHolder();
        var trustList = new TrustList([new TrustedIssuer { Issuer = Issuer, Keys = [_issuerKey.PublicJwk], CredentialTypes = [Vct] }]);
        _verifier = new SdJwtVcVerifier(trustList, options: new SdJwtVcVerifierOptions());
        _policy = new SdJwtVcPolicy
        {
            KeyBinding = KeyBindingRequirement.Required(Audience, Nonce),
            AcceptedVcts = [Vct],
            IssuerAuthorization = trustList,
            Status = StatusCheck.Skip,
            TypeMetadata = TypeMetadataCheck.Skip,
        };
        _selection = ExamWorkload.Selection();
        _keyBindingInput = new KeyBindingInput(Audience, Nonce);
        _issued = await _issuer.IssueAsync(Issuance());
        _issuedText = _issued.Serialize();
        var presented = await _holder.PresentAsync(_issued, _selection, _keyBindingInput, _holderKey);
        _presentation = presented.Value.Serialize();
        var check = await _verifier.VerifyAsync(_presentation, _policy);
        if (!check.IsValid)
        {
            // A benchmark of a failing verification would measure the wrong thing.
            throw new InvalidOperationException($"The benchmark presentation does not verify: {check.Error!.Code}.");
        }

        _issuerInput = SigningInput(_issued.IssuerSignedJwt);
        _keyBindingInput2 = SigningInput(presented.Value.KeyBindingJwt!);
        _issuerSignature = _issuerKey.Sign(_issuerInput);
        _keyBindingSignature = _holderKey.Sign(_keyBindingInput2);
        var issuerRaw = _issuerKey.PublicJwk;
        if (issuerRaw.Kty == JwkKeyTypes.Okp)
        {
            _issuerEd25519 = PublicKey.Import(SignatureAlgorithm.Ed25519, Base64Url(issuerRaw.X!), KeyBlobFormat.RawPublicKey);
        }
        else
        {
            _issuerEcdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Base64Url(issuerRaw.X!), Y = Base64Url(issuerRaw.Y!) } });
        }

        _holderX = Base64Url(_holderKey.PublicJwk.X!);
        _holderY = _holderKey.PublicJwk.Y is { } y ? Base64Url(y) : [];
    }

    /// <summary>Floor for issuance: one raw signature over a message as long as the Issuer-signed JWT's signing input.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 signature")]
    [BenchmarkCategory("1 issue")]
    public byte[] FloorIssue() => _issuerKey.Sign(_issuerInput);

    /// <summary>Issues an SD-JWT VC with 10 disclosable claims and the holder's key.</summary>
    [Benchmark(Description = "issue SD-JWT VC (10 disclosable, cnf)")]
    [BenchmarkCategory("1 issue")]
    public ValueTask<Credentials.SdJwt.SdJwtToken> Issue() => _issuer.IssueAsync(Issuance());

    /// <summary>Floor for presentation: one raw signature over a message as long as the KB-JWT's signing input.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 signature")]
    [BenchmarkCategory("2 present")]
    public byte[] FloorPresent() => _holderKey.Sign(_keyBindingInput2);

    /// <summary>Presents 3 of the 10 claims with a KB-JWT.</summary>
    [Benchmark(Description = "present 3 of 10 with KB-JWT")]
    [BenchmarkCategory("2 present")]
    public ValueTask<VerificationResult<Credentials.SdJwt.SdJwtToken>> Present() => _holder.PresentAsync(_issued, _selection, _keyBindingInput, _holderKey);

    /// <summary>The wallet's case: the credential is read from its stored text, then 3 claims presented with a KB-JWT.</summary>
    [Benchmark(Description = "parse stored + present 3 with KB-JWT")]
    [BenchmarkCategory("2 present")]
    public ValueTask<VerificationResult<Credentials.SdJwt.SdJwtToken>> ParseAndPresent()
        => _holder.PresentAsync(Credentials.SdJwt.SdJwtToken.Read(_issuedText).Value, _selection, _keyBindingInput, _holderKey);

    /// <summary>
    /// Floor for verification: the Issuer-signed JWT's verification, the import of the holder's public key from its
    /// coordinates, and the KB-JWT's verification with it.
    /// </summary>
    [Benchmark(Baseline = true, Description = "floor: 2 verifications + holder key import")]
    [BenchmarkCategory("3 verify")]
    public bool FloorVerify()
    {
        if (_issuerEd25519 is not null)
        {
            var issuerOk = SignatureAlgorithm.Ed25519.Verify(_issuerEd25519, _issuerInput, _issuerSignature);
            var holder = PublicKey.Import(SignatureAlgorithm.Ed25519, _holderX, KeyBlobFormat.RawPublicKey);
            return issuerOk & SignatureAlgorithm.Ed25519.Verify(holder, _keyBindingInput2, _keyBindingSignature);
        }

        var ok = _issuerEcdsa!.VerifyData(_issuerInput, _issuerSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var holderEcdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = _holderX, Y = _holderY } });
        return ok & holderEcdsa.VerifyData(_keyBindingInput2, _keyBindingSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Verifies the presentation: issuer signature from the trust list, disclosures, KB-JWT, time and type.</summary>
    [Benchmark(Description = "verify SD-JWT VC + KB-JWT (trust list)")]
    [BenchmarkCategory("3 verify")]
    public ValueTask<SdJwtVcVerificationResult> Verify() => _verifier.VerifyAsync(_presentation, _policy);

    /// <summary>Releases the keys.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _issuerKey.Dispose();
        _holderKey.Dispose();
        _issuerEcdsa?.Dispose();
    }

    private SdJwtVcIssuance Issuance() => ExamWorkload.Issuance(_holderKey.PublicJwk);

    private static byte[] SigningInput(string compactJws) => Encoding.ASCII.GetBytes(compactJws[..compactJws.LastIndexOf('.')]);

    private static byte[] Base64Url(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);
}
