using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c.DataIntegrity;

namespace Credentials.Benchmarks;

/// <summary>
/// Data Integrity: verifying one proof on an Open Badges 3.0-sized credential (about 40 triples) with
/// <c>eddsa-jcs-2022</c> and with <c>eddsa-rdfc-2022</c> (JSON-LD to RDF with pinned contexts, RDFC-1.0, two hashes,
/// DID key resolution, one Ed25519 verification). The floor is one Ed25519 verification.
/// </summary>
[MemoryDiagnoser]
public class DataIntegrityBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private DataIntegrityVerifier _verifier = null!;
    private JsonElement _jcs;
    private JsonElement _rdfc;

    /// <summary>An Open Badges credential in the shape of the specification's skill assertion examples.</summary>
    public static JsonObject OpenBadge(string issuerDid) => JsonNode.Parse($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "基本情報技術者試験 合格",
          "description": "Passed the Fundamental Information Technology Engineer Examination.",
          "issuer": {
            "id": "{{issuerDid}}",
            "type": ["Profile"],
            "name": "情報処理推進機構",
            "url": "https://www.ipa.go.jp",
            "email": "badges@example.jp"
          },
          "validFrom": "2026-04-01T00:00:00Z",
          "validUntil": "2031-03-31T23:59:59Z",
          "credentialSubject": {
            "id": "did:example:learner-7f3a",
            "type": ["AchievementSubject"],
            "activityEndDate": "2026-03-15T00:00:00Z",
            "achievement": {
              "id": "https://badges.example.jp/achievements/fe",
              "type": ["Achievement"],
              "achievementType": "Certificate",
              "name": "基本情報技術者",
              "description": "Fundamental knowledge and skills of an IT engineer: algorithms, networks, databases, security and project management.",
              "criteria": { "narrative": "Score 600 or more of 1000 in both subject A and subject B." },
              "humanCode": "FE",
              "fieldOfStudy": "Information technology",
              "tag": ["IT", "algorithms", "security"],
              "creator": { "id": "{{issuerDid}}", "type": ["Profile"], "name": "情報処理推進機構" },
              "alignment": [
                {
                  "type": ["Alignment"],
                  "targetName": "Information Technology Skill Standards level 2",
                  "targetUrl": "https://www.ipa.go.jp/jinzai/skill-standard/",
                  "targetType": "ext:SkillStandard",
                  "targetFramework": "ITSS",
                  "targetCode": "ITSS-L2"
                },
                {
                  "type": ["Alignment"],
                  "targetName": "Common Career and Skills Framework level 2",
                  "targetUrl": "https://www.ipa.go.jp/jinzai/skill-standard/plus-it-ui/",
                  "targetType": "ext:SkillStandard",
                  "targetFramework": "CCSF",
                  "targetCode": "CCSF-L2"
                }
              ]
            }
          }
        }
        """)!.AsObject();

    /// <summary>Signs the credential once with each suite.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);

        var did = DidKey.Create(_key);
        var issuer = new DataIntegrityIssuer(_key, DidKey.GetKeyId(did).Value);
        _jcs = Parse(await issuer.AddProofAsync(OpenBadge(did.Value), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaJcs2022 }));
        _rdfc = Parse(await issuer.AddProofAsync(OpenBadge(did.Value), new DataIntegrityProofOptions { Cryptosuite = Cryptosuite.EddsaRdfc2022 }));
        _verifier = new DataIntegrityVerifier(DidResolver.CreateDefault());

        foreach (var document in new[] { _jcs, _rdfc })
        {
            var result = await _verifier.VerifyAsync(document, ProofRequirement.AssertionMethod);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"The benchmark credential must verify: {result.Error}.");
            }
        }
    }

    /// <summary>The floor: one Ed25519 verification of 64 bytes (the hash data's size).</summary>
    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>Verifying the eddsa-jcs-2022 proof.</summary>
    [Benchmark]
    public async Task<bool> VerifyEddsaJcs2022() => (await _verifier.VerifyAsync(_jcs, ProofRequirement.AssertionMethod)).IsValid;

    /// <summary>Verifying the eddsa-rdfc-2022 proof.</summary>
    [Benchmark]
    public async Task<bool> VerifyEddsaRdfc2022() => (await _verifier.VerifyAsync(_rdfc, ProofRequirement.AssertionMethod)).IsValid;

    private static JsonElement Parse(JsonObject document) => JsonElement.Parse(Encoding.UTF8.GetBytes(document.ToJsonString()));
}
