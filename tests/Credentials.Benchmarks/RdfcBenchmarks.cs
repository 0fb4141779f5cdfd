using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Credentials.Keys;
using Credentials.W3c.Rdfc;

namespace Credentials.Benchmarks;

/// <summary>
/// RDF Dataset Canonicalization (RDFC-1.0): an Open Badges 3.0-shaped credential (41 quads, 6 blank nodes) and its
/// Data Integrity proof options (6 quads), as the eddsa-rdfc-2022 cryptosuite canonicalizes them; the largest inputs
/// of the W3C test suite (test060: 43 quads without blank nodes; test044: 36 quads, 12 blank nodes sharing first
/// degree hashes, the "evil" graph that needs Hash N-Degree Quads); and the poison graph test074 failing at the work
/// limit. The floor is one Ed25519 verification.
/// </summary>
[MemoryDiagnoser]
public class RdfcBenchmarks
{
    private readonly byte[] _message = new byte[600];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private IReadOnlyList<RdfQuad> _credential = null!;
    private IReadOnlyList<RdfQuad> _proofOptions = null!;
    private IReadOnlyList<RdfQuad> _test060 = null!;
    private IReadOnlyList<RdfQuad> _test044 = null!;
    private IReadOnlyList<RdfQuad> _test074 = null!;
    private static readonly RdfCanonicalizationOptions s_sha384 = new() { HashAlgorithm = HashAlgorithmName.SHA384 };

    /// <summary>Reads the datasets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);
        _credential = NQuads.Read(CredentialNQuads).GetValueOrThrow();
        _proofOptions = NQuads.Read(ProofOptionsNQuads).GetValueOrThrow();
        _test060 = ReadSuite("test060-in.nq");
        _test044 = ReadSuite("test044-in.nq");
        _test074 = ReadSuite("test074-in.nq");
    }

    /// <summary>Releases the key.</summary>
    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>The floor: one raw Ed25519 verification.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>The credential without its proof: 41 quads, 6 blank nodes, every first degree hash unique.</summary>
    [Benchmark(Description = "credential, 41 quads, 6 blank nodes")]
    public int Credential() => RdfCanonicalizer.Canonicalize(_credential).Value.NQuadsUtf8.Length;

    /// <summary>The same with SHA-384 inside the algorithm (ecdsa-rdfc-2019 with P-384).</summary>
    [Benchmark(Description = "credential, SHA-384")]
    public int CredentialSha384() => RdfCanonicalizer.Canonicalize(_credential, s_sha384).Value.NQuadsUtf8.Length;

    /// <summary>The proof options: 6 quads, 1 blank node.</summary>
    [Benchmark(Description = "proof options, 6 quads")]
    public int ProofOptions() => RdfCanonicalizer.Canonicalize(_proofOptions).Value.NQuadsUtf8.Length;

    /// <summary>Credential and proof options, then the SHA-256 of each, as eddsa-rdfc-2022 verification does.</summary>
    [Benchmark(Description = "credential + proof options + hashes")]
    public int CredentialAndProofHashes()
    {
        Span<byte> hashes = stackalloc byte[64];
        SHA256.HashData(RdfCanonicalizer.Canonicalize(_proofOptions).Value.NQuadsUtf8, hashes[..32]);
        SHA256.HashData(RdfCanonicalizer.Canonicalize(_credential).Value.NQuadsUtf8, hashes[32..]);
        return hashes[0] + hashes[32];
    }

    /// <summary>W3C suite test060: 43 quads without blank nodes (the largest positive input).</summary>
    [Benchmark(Description = "suite test060, 43 quads, no blank node")]
    public int Test060() => RdfCanonicalizer.Canonicalize(_test060).Value.NQuadsUtf8.Length;

    /// <summary>W3C suite test044: 36 quads, 12 blank nodes with shared hashes (Hash N-Degree Quads).</summary>
    [Benchmark(Description = "suite test044, evil, 12 shared blank nodes")]
    public int Test044() => RdfCanonicalizer.Canonicalize(_test044).Value.NQuadsUtf8.Length;

    /// <summary>W3C suite test074: the poison clique, refused at the default work limit.</summary>
    [Benchmark(Description = "suite test074, poison, fails at the limit")]
    public bool Test074() => RdfCanonicalizer.Canonicalize(_test074).IsValid;

    /// <summary>Reading the credential's N-Quads (the reader is for tests and tools).</summary>
    [Benchmark(Description = "read N-Quads, 41 quads")]
    public int ReadCredential() => NQuads.Read(CredentialNQuads).Value.Count;

    private static IReadOnlyList<RdfQuad> ReadSuite(string name)
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Credentials.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        var path = Path.Combine(directory ?? throw new InvalidOperationException("Run from within the repository."), "specs", "vectors", "rdf-canon", "rdfc10", name);
        return NQuads.Read(File.ReadAllText(path)).GetValueOrThrow();
    }

    // An Open Badges 3.0 AchievementCredential as JSON-LD toRdf produces it (blank node labels b0, b1, ...).
    private const string CredentialNQuads = """
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://schema.org/name> "Teamwork Badge" .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://schema.org/description> "Awarded for outstanding collaboration in the 2024 capstone project." .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#issuer> <https://example.edu/issuers/565049> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validFrom> "2024-04-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validUntil> "2029-04-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSubject> _:b0 .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialStatus> <https://example.edu/status/3#94567> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSchema> <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> .
        <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechJsonSchemaValidator2019> .
        <https://example.edu/status/3#94567> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/status#BitstringStatusListEntry> .
        <https://example.edu/status/3#94567> <https://www.w3.org/ns/credentials/status#statusPurpose> "revocation" .
        <https://example.edu/status/3#94567> <https://www.w3.org/ns/credentials/status#statusListIndex> "94567" .
        <https://example.edu/status/3#94567> <https://www.w3.org/ns/credentials/status#statusListCredential> <https://example.edu/status/3> .
        <https://example.edu/issuers/565049> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile> .
        <https://example.edu/issuers/565049> <https://schema.org/name> "Example University" .
        <https://example.edu/issuers/565049> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#url> "https://example.edu"^^<http://www.w3.org/2001/XMLSchema#anyURI> .
        <https://example.edu/issuers/565049> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#image> _:b5 .
        _:b5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image> .
        _:b5 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#caption> "Example University seal" .
        _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject> .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier> _:b1 .
        _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject> .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash> "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5" .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityType> "emailAddress" .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#salt> "not-used" .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <https://example.edu/achievements/teamwork> .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#result> _:b4 .
        _:b4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Result> .
        _:b4 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#value> "A" .
        <https://example.edu/achievements/teamwork> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .
        <https://example.edu/achievements/teamwork> <https://schema.org/name> "Teamwork" .
        <https://example.edu/achievements/teamwork> <https://schema.org/description> "This badge recognizes the development of the capacity to collaborate within a group environment." .
        <https://example.edu/achievements/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> "Badge" .
        <https://example.edu/achievements/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria> _:b2 .
        _:b2 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Team members are nominated for this badge by their peers and recognized upon review by Example University faculty." .
        <https://example.edu/achievements/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment> _:b3 .
        _:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Alignment> .
        _:b3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetName> "Collaboration competency" .

        """;

    // Data Integrity proof options (eddsa-rdfc-2022) with the credential's context, as toRdf produces them.
    private const string ProofOptionsNQuads = """
        _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .
        _:b0 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"^^<https://w3id.org/security#cryptosuiteString> .
        _:b0 <http://purl.org/dc/terms/created> "2024-04-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        _:b0 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> .
        _:b0 <https://w3id.org/security#verificationMethod> <did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK> .
        _:b0 <http://purl.org/dc/terms/creator> <https://example.edu/issuers/565049> .

        """;
}
