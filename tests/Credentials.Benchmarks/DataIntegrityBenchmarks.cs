using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;

namespace Credentials.Benchmarks;

/// <summary>
/// W3C Data Integrity verification of an Open Badges 3.0 credential (<see cref="OpenBadgeWorkload"/>: 41 quads, 6 blank
/// nodes, pinned contexts, did:key issuer): <see cref="DataIntegrityVerifier"/> on the parsed document and
/// <see cref="W3cCredentialVerifier"/> on the text, for <c>eddsa-rdfc-2022</c> (JSON-LD expansion and toRdf, RDFC-1.0
/// of the credential and of the proof options, two SHA-256, one Ed25519 verification) and <c>eddsa-jcs-2022</c> (JCS
/// instead of JSON-LD and RDFC). The floor is one Ed25519 verification of the 64-byte hash data eddsa-rdfc-2022 signs;
/// the target for eddsa-rdfc-2022 is at most three floors. The <c>stage:</c> rows time the steps of a verification
/// one by one (through the internal types the verifier uses), to show where the time goes.
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
    private DidResolver _didResolver = null!;
    private Did _did = null!;
    private Jwk _publicJwk = null!;
    private VerificationMethod _method = null!;
    private JsonLdProcessor _processor = null!;
    private JsonElement _unsigned;
    private JsonElement _rdfcProof;
    private JsonElement _jcsProof;

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
        _didResolver = DidResolver.CreateDefault();
        _did = DidKey.Create(_key);
        _publicJwk = _key.PublicJwk;
        _method = (await _didResolver.ResolveAsync(_did)).Value.FindVerificationMethod(DidKey.GetKeyId(_did)).Value;
        _processor = new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default);
        _unsigned = JsonElement.Parse(Encoding.UTF8.GetBytes(OpenBadgeWorkload.Credential(_did.Value).ToJsonString()));
        _rdfcProof = _rdfcElement.GetProperty("proof");
        _jcsProof = _jcsElement.GetProperty("proof");
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

    /// <summary>Stage: resolving the issuer's did:key (the resolver caches documents).</summary>
    [Benchmark(Description = "stage: resolve did:key")]
    public async Task<bool> StageResolveDid() => (await _didResolver.ResolveAsync(_did)).IsValid;

    /// <summary>Stage: the verification method's key from the cached DID document (Multikey decoded to a JWK, with its point check), as the verifier does for each proof.</summary>
    [Benchmark(Description = "stage: verification method key (Multikey to JWK)")]
    public bool StageMethodKey() => _method.GetPublicKey().IsValid;

    /// <summary>Stage: importing the Ed25519 public key from its JWK, as the verifier does for each proof.</summary>
    [Benchmark(Description = "stage: import the public key")]
    public bool StageImportKey()
    {
        var key = VerificationKey.FromJwk(_publicJwk);
        key.Value.Dispose();
        return key.IsValid;
    }

    /// <summary>Stage: JSON-LD expansion and toRdf of the credential (41 quads), without canonicalization.</summary>
    [Benchmark(Description = "stage: JSON-LD toRdf, credential")]
    public async Task<int> StageToRdf() => (await _processor.ToRdfAsync(_unsigned)).Value.Count;

    /// <summary>Stage: the eddsa-rdfc-2022 hash data: toRdf and RDFC-1.0 of the credential and of the proof options, two SHA-256.</summary>
    [Benchmark(Description = "stage: eddsa-rdfc-2022 hash data")]
    public async Task<int> StageRdfcHashData() => (await ProofHashing.ComputeHashDataAsync(Cryptosuite.EddsaRdfc2022, HashAlgorithmName.SHA256, _rdfcElement, _rdfcProof, [], null, _processor, null, default)).Value.Length;

    /// <summary>Stage: the eddsa-jcs-2022 hash data: JCS of the credential and of the proof options, two SHA-256.</summary>
    [Benchmark(Description = "stage: eddsa-jcs-2022 hash data")]
    public int StageJcsHashData() => ProofHashing.ComputeJcsHashData(HashAlgorithmName.SHA256, _jcsElement, _jcsProof, [], null).Value.Length;
}
