using System;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Keys;
using Credentials.W3c.JsonLd;
using Credentials.W3c.Rdfc;

namespace Credentials.Benchmarks;

/// <summary>
/// JSON-LD 1.1 expansion and deserialization to RDF with the pinned contexts (safe mode), alone and followed by
/// RDFC-1.0, for Open Badges 3.0 credentials: the 1EdTech eddsa-rdfc-2022 test vector (16 quads, and its 5-quad proof
/// configuration) and the specification's skill assertion example (about 50 quads). The floor is one Ed25519
/// verification: eddsa-rdfc-2022 verification is budgeted at 3 floors including the signature check.
/// </summary>
[MemoryDiagnoser]
public class JsonLdBenchmarks
{
    private readonly byte[] _message = new byte[64];
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private JsonLdProcessor _processor = null!;
    private JsonDocument _skill = null!;
    private JsonDocument _badge = null!;
    private JsonDocument _proof = null!;

    /// <summary>Parses the documents and warms the context cache (as any long-running verifier's is).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);
        _processor = new JsonLdProcessor(PinnedJsonLdDocumentLoader.Default);
        _skill = JsonDocument.Parse(SkillAssertion);
        _badge = JsonDocument.Parse(Badge);
        _proof = JsonDocument.Parse(BadgeProof);
        foreach (var document in new[] { _skill, _badge, _proof })
        {
            var quads = (await _processor.ToRdfAsync(document.RootElement)).GetValueOrThrow();
            Console.WriteLine($"// {quads.Count} quads");
        }
    }

    /// <summary>Releases the documents.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _skill.Dispose();
        _badge.Dispose();
        _proof.Dispose();
        _key.Dispose();
    }

    /// <summary>One Ed25519 verification.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>Expansion and toRdf of the skill assertion example.</summary>
    [Benchmark(Description = "toRdf, OB skill assertion (~50 quads)")]
    public async Task<int> ToRdfSkill() => (await _processor.ToRdfAsync(_skill.RootElement)).GetValueOrThrow().Count;

    /// <summary>Expansion, toRdf and RDFC-1.0 of the skill assertion example.</summary>
    [Benchmark(Description = "toRdf + RDFC, OB skill assertion")]
    public async Task<int> CanonicalizeSkill()
    {
        var quads = (await _processor.ToRdfAsync(_skill.RootElement)).GetValueOrThrow();
        return RdfCanonicalizer.Canonicalize(quads).GetValueOrThrow().NQuadsUtf8.Length;
    }

    /// <summary>Expansion and toRdf of the Open Badges test vector and its proof configuration.</summary>
    [Benchmark(Description = "toRdf, OB vector doc + proof config (21 quads)")]
    public async Task<int> ToRdfBadge()
    {
        var document = (await _processor.ToRdfAsync(_badge.RootElement)).GetValueOrThrow();
        var proof = (await _processor.ToRdfAsync(_proof.RootElement)).GetValueOrThrow();
        return document.Count + proof.Count;
    }

    /// <summary>What eddsa-rdfc-2022 canonicalizes for the test vector: the document and the proof configuration.</summary>
    [Benchmark(Description = "toRdf + RDFC, OB vector doc + proof config")]
    public async Task<int> CanonicalizeBadge()
    {
        var document = (await _processor.ToRdfAsync(_badge.RootElement)).GetValueOrThrow();
        var proof = (await _processor.ToRdfAsync(_proof.RootElement)).GetValueOrThrow();
        return RdfCanonicalizer.Canonicalize(document).GetValueOrThrow().NQuadsUtf8.Length
            + RdfCanonicalizer.Canonicalize(proof).GetValueOrThrow().NQuadsUtf8.Length;
    }

    // 1EdTech Open Badges 3.0 specification, skill assertion example (1EdTech specification document licence).
    private const string SkillAssertion = """
{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
  ],
  "id": "http://1edtech.edu/credentials/3732",
  "type": [
    "VerifiableCredential",
    "OpenBadgeCredential"
  ],
  "name": "Robot Programming Skill Credential",
  "description": "A badge recognizing the development of skills in robot implementation, specifically the software",
  "credentialSubject": {
    "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
    "type": [
      "AchievementSubject"
    ],
    "achievement": {
      "id": "https://example.com/achievements/robotics/robot-programming",
      "type": [
        "Achievement"
      ],
      "alignment": [
        {
          "type": [
            "Alignment"
          ],
          "targetDescription": "Robot software is a set of commands and procedures robots use to respond to input and perform autonomous tasks.",
          "targetName": "Robot Programming",
          "targetFramework": "Example Robotics Framework",
          "targetType": "CFItem",
          "targetUrl": "https://robotics-competencies.example.com/competencies/robot-programming"
        }
      ],
      "achievementType": "Competency",
      "creator": {
        "id": "https://example.com/issuers/123767",
        "type": [
          "Profile"
        ],
        "name": "Example Industry Group",
        "url": "https://example.com",
        "description": "Example Industry Group is a consortium of luminaries who publish skills data for common usage.",
        "email": "info@exammple.com"
      },
      "criteria": {
        "narrative": "Learners must present source code showing the ability for a robot to accept manual or sensor input and perform conditional actions in response."
      },
      "description": "This achievement represents developing capability to develop software for robotic applications.",
      "image": {
        "id": "https://example.com/achievements/robotics/robot-programming/image",
        "type": "Image",
        "caption": "A robot filled with ones and zeroes representing its programming"
      },
      "name": "Robot Programming"
    }
  },
  "evidence": [
    {
      "id": "https://github.com/somebody/project",
      "type": [
        "Evidence"
      ],
      "name": "Final Project Code",
      "description": "The source code for the 'Beeper 1.0' robot project. It responds by saying 'beep' when the 'beep' button is pressed."
    }
  ],
  "issuer": {
    "id": "https://1edtech.edu/issuers/565049",
    "type": [
      "Profile"
    ],
    "name": "1EdTech University",
    "url": "https://1edtech.edu",
    "phone": "1-222-333-4444",
    "description": "1EdTech University provides online degree programs.",
    "image": {
      "id": "https://1edtech.edu/logo.png",
      "type": "Image",
      "caption": "1EdTech University logo"
    },
    "email": "registrar@1edtech.edu"
  },
  "validFrom": "2022-07-01T00:00:00Z",
  "credentialSchema": [
    {
      "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
      "type": "1EdTechJsonSchemaValidator2019"
    }
  ]
}
""";

    // The 1EdTech Open Badges 3.0 eddsa-rdfc-2022 test vector: unsigned.json and proofConfig.json.
    private const string Badge = """
{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ],
  "id": "http://example.com/credentials/3527",
  "type": [
    "VerifiableCredential",
    "OpenBadgeCredential"
  ],
  "issuer": {
    "id": "https://example.edu/issuers/565049",
    "type": [
      "Profile"
    ],
    "url": "https://www.imsglobal.org",
    "name": "Example Corp"
  },
  "validFrom": "2010-01-01T00:00:00Z",
  "name": "Teamwork Badge",
  "credentialSubject": {
    "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
    "type": [
      "AchievementSubject"
    ],
    "achievement": {
      "id": "https://example.com/achievements/21st-century-skills/teamwork",
      "type": [
        "Achievement"
      ],
      "criteria": {
        "narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."
      },
      "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
      "name": "Teamwork"
    }
  }
}
""";

    private const string BadgeProof = """
{
  "type": "DataIntegrityProof",
  "created": "2010-01-01T19:23:24Z",
  "verificationMethod": "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
  "cryptosuite": "eddsa-rdfc-2022",
  "proofPurpose": "assertionMethod",
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ]
}
""";
}
