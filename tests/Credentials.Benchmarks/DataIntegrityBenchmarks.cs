using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;

namespace Credentials.Benchmarks;

/// <summary>
/// W3C Data Integrity verification of an Open Badges 3.0 credential (<see cref="OpenBadgeWorkload"/>: 41 quads, 6 blank
/// nodes, pinned contexts, did:key issuer): <see cref="DataIntegrityVerifier"/> on the parsed document and
/// <see cref="W3cCredentialVerifier"/> on the text, for <c>eddsa-rdfc-2022</c> (JSON-LD expansion and toRdf, RDFC-1.0
/// of the credential and of the proof options, two SHA-256, one Ed25519 verification) and <c>eddsa-jcs-2022</c> (JCS
/// instead of JSON-LD and RDFC). The floor is one Ed25519 verification of the 64-byte hash data eddsa-rdfc-2022 signs;
/// the target for eddsa-rdfc-2022 is at most three floors.
/// </summary>
[MemoryDiagnoser]
public class DataIntegrityBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private DataIntegrityVerifier _dataIntegrity = null!;
    private W3cCredentialVerifier _credentials = null!;
    private JsonElement _rdfcElement;
    private JsonElement _jcsElement;
    private string _rdfcText = null!;
    private string _jcsText = null!;

    /// <summary>Signs the credential with both cryptosuites and checks that each verifies.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);
        _dataIntegrity = OpenBadgeWorkload.DataIntegrityVerifier();
        _credentials = OpenBadgeWorkload.CredentialVerifier();
        _rdfcText = (await OpenBadgeWorkload.SignAsync(_key, Cryptosuite.EddsaRdfc2022)).ToJsonString();
        _jcsText = (await OpenBadgeWorkload.SignAsync(_key, Cryptosuite.EddsaJcs2022)).ToJsonString();
        _rdfcElement = JsonElement.Parse(Encoding.UTF8.GetBytes(_rdfcText));
        _jcsElement = JsonElement.Parse(Encoding.UTF8.GetBytes(_jcsText));
        if (!await DataIntegrityRdfc() || !await DataIntegrityJcs() || !await CredentialRdfc() || !await CredentialJcs())
        {
            throw new InvalidOperationException("The benchmark credential does not verify.");
        }
    }

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>The floor: one raw Ed25519 verification of 64 bytes.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 Ed25519 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>The proof alone: <see cref="DataIntegrityVerifier"/>, eddsa-rdfc-2022.</summary>
    [Benchmark(Description = "DataIntegrityVerifier, eddsa-rdfc-2022")]
    public async Task<bool> DataIntegrityRdfc() => (await _dataIntegrity.VerifyAsync(_rdfcElement, ProofRequirement.AssertionMethod)).IsValid;

    /// <summary>The proof alone: <see cref="DataIntegrityVerifier"/>, eddsa-jcs-2022.</summary>
    [Benchmark(Description = "DataIntegrityVerifier, eddsa-jcs-2022")]
    public async Task<bool> DataIntegrityJcs() => (await _dataIntegrity.VerifyAsync(_jcsElement, ProofRequirement.AssertionMethod)).IsValid;

    /// <summary>The whole credential from its text: <see cref="W3cCredentialVerifier"/>, eddsa-rdfc-2022.</summary>
    [Benchmark(Description = "W3cCredentialVerifier, eddsa-rdfc-2022")]
    public async Task<bool> CredentialRdfc() => (await _credentials.VerifyAsync(_rdfcText)).IsValid;

    /// <summary>The whole credential from its text: <see cref="W3cCredentialVerifier"/>, eddsa-jcs-2022.</summary>
    [Benchmark(Description = "W3cCredentialVerifier, eddsa-jcs-2022")]
    public async Task<bool> CredentialJcs() => (await _credentials.VerifyAsync(_jcsText)).IsValid;
}
