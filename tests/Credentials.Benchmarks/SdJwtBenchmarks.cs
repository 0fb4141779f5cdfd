using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;

namespace Credentials.Benchmarks;

/// <summary>
/// Issue an SD-JWT with 10 disclosable claims and a holder key, present 3 with a KB-JWT, and verify that presentation,
/// next to the raw floor: one signature and one verification of the same size through NSec / System.Security.Cryptography.
/// </summary>
[MemoryDiagnoser]
public class SdJwtBenchmarks
{
    private const string Audience = "https://verifier.example.jp";
    private const string Nonce = "n-0S6_WzA2Mj";
    private readonly byte[] _message = new byte[600];
    private SigningKey _issuerKey = null!;
    private SigningKey _holderKey = null!;
    private VerificationKey _issuerPublic = null!;
    private SdJwtIssuer _issuer = null!;
    private SdJwtHolder _holder = null!;
    private SdJwtVerifier _verifier = null!;
    private Credentials.SdJwt.SdJwt _issued = null!;
    private string _presentation = null!;
    private byte[] _signature = null!;
    private List<ClaimPath> _selection = null!;

    [Params("EdDSA", "ES256")]
    public string Algorithm { get; set; } = "EdDSA";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        JwsAlgorithm.TryGet(Algorithm, out var algorithm);
        _issuerKey = SigningKey.Create(algorithm!);
        _holderKey = SigningKey.Create(algorithm!);
        _issuerPublic = _issuerKey.GetVerificationKey();
        _issuer = new SdJwtIssuer(new SdJwtIssuerOptions { Type = "dc+sd-jwt" }, _issuerKey);
        _holder = new SdJwtHolder();
        _verifier = new SdJwtVerifier(new SdJwtVerifierOptions(), new StaticIssuerKeyResolver(_issuerKey.PublicJwk));
        _issued = await _issuer.IssueAsync(Payload(), _holderKey.PublicJwk);
        _selection = [ClaimPath.Of("given_name"), ClaimPath.Of("age_over_20"), ClaimPath.Of("pass_date")];
        _presentation = (await _holder.PresentAsync(_issued, _selection, new KeyBindingInput(Audience, Nonce), _holderKey)).Value.Serialize();
        Random.Shared.NextBytes(_message);
        _signature = _issuerKey.Sign(_message);
    }

    [Benchmark(Description = "floor: sign")]
    public byte[] RawSign() => _issuerKey.Sign(_message);

    [Benchmark(Description = "floor: verify")]
    public bool RawVerify() => _issuerPublic.Verify(_issuerKey.Algorithm, _message, _signature);

    [Benchmark(Description = "issue (10 disclosable, holder key)")]
    public ValueTask<Credentials.SdJwt.SdJwt> Issue() => _issuer.IssueAsync(Payload(), _holderKey.PublicJwk);

    [Benchmark(Description = "present 3 with KB-JWT")]
    public ValueTask<VerificationResult<Credentials.SdJwt.SdJwt>> Present() => _holder.PresentAsync(_issued, _selection, new KeyBindingInput(Audience, Nonce), _holderKey);

    [Benchmark(Description = "verify with KB-JWT")]
    public ValueTask<VerificationResult<VerifiedSdJwt>> Verify() => _verifier.VerifyAsync(_presentation, KeyBindingRequirement.Required(Audience, Nonce));

    private static SdObject Payload() => SdJwtPayload.Create()
        .Claim("iss", "https://issuer.credentials.example.jp")
        .Claim("iat", 1795651200)
        .Claim("exp", 1895651200)
        .Claim("vct", "https://credentials.example.jp/vct/ipa/exam-pass/v1")
        .Disclosable("given_name", "結衣")
        .Disclosable("family_name", "高橋")
        .Disclosable("birthdate", "2003-11-08")
        .Disclosable("age_over_18", true)
        .Disclosable("age_over_20", true)
        .Disclosable("pass_date", "2026-06-15")
        .Disclosable("certificate_number", "2026-05-01234")
        .Disclosable("exam_category", "FE")
        .Disclosable("exam_session", "2026-05")
        .Disclosable("issuing_country", "JP");
}
