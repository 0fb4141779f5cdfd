using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;

namespace Credentials.Benchmarks;

/// <summary>
/// The credential every W3C Data Integrity measurement uses, here and in the cross-language comparison: an Open Badges
/// 3.0 <c>OpenBadgeCredential</c> with an issuer profile and image, an identity object, an achievement with criteria and
/// an alignment, a result, a Bitstring Status List entry and a credential schema. With the pinned VCDM 2.0, OB 3.0.3 and
/// OB extensions contexts it is 41 quads with 6 blank nodes, the shape of the credential in <see cref="RdfcBenchmarks"/>.
/// The issuer is the signer's did:key, so the issuer-key check of <see cref="W3cCredentialVerifier"/> passes.
/// </summary>
internal static class OpenBadgeWorkload
{
    /// <summary>The time both sides verify at (the proof's <c>created</c> too): inside the validity period.</summary>
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A clock stopped at <see cref="Now"/>.</summary>
    public static TimeProvider Clock { get; } = new FixedClock(Now);

    /// <summary>The unsigned credential issued by <paramref name="issuerDid"/>.</summary>
    public static JsonObject Credential(string issuerDid) => JsonNode.Parse(Template.Replace("{issuer}", issuerDid, StringComparison.Ordinal))!.AsObject();

    /// <summary>The credential secured with <paramref name="suite"/> by <paramref name="key"/>, as its did:key.</summary>
    public static async Task<JsonObject> SignAsync(SigningKey key, Cryptosuite suite)
    {
        var did = DidKey.Create(key);
        var issuer = new DataIntegrityIssuer(key, DidKey.GetKeyId(did).Value, new DataIntegrityIssuerOptions { TimeProvider = Clock, DocumentLoader = PinnedJsonLdDocumentLoader.Default });
        return await issuer.AddProofAsync(Credential(did.Value), new DataIntegrityProofOptions { Cryptosuite = suite });
    }

    /// <summary>The Data Integrity verifier: default options, the pinned contexts, the clock at <see cref="Now"/>.</summary>
    public static DataIntegrityVerifier DataIntegrityVerifier()
        => new(DidResolver.CreateDefault(), new DataIntegrityVerifierOptions { TimeProvider = Clock, DocumentLoader = PinnedJsonLdDocumentLoader.Default });

    /// <summary>
    /// The whole-credential verifier: proof, issuer key, data model and validity period; the status entry is not
    /// resolved (no network in a benchmark), as on the Node.js side.
    /// </summary>
    public static W3cCredentialVerifier CredentialVerifier() => new(DidResolver.CreateDefault(), new W3cCredentialVerifierOptions
    {
        TimeProvider = Clock,
        Status = StatusCheck.Skip,
        DataIntegrity = new DataIntegrityVerifierOptions { TimeProvider = Clock, DocumentLoader = PinnedJsonLdDocumentLoader.Default },
    });

    private const string Template = """
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
          ],
          "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Teamwork Badge",
          "description": "Awarded for outstanding collaboration in the 2024 capstone project.",
          "issuer": {
            "id": "{issuer}",
            "type": ["Profile"],
            "name": "Example University",
            "url": "https://example.edu",
            "image": { "type": "Image", "caption": "Example University seal" }
          },
          "validFrom": "2024-04-01T00:00:00Z",
          "validUntil": "2029-04-01T00:00:00Z",
          "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
              "type": "IdentityObject",
              "hashed": true,
              "identityHash": "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5",
              "identityType": "emailAddress",
              "salt": "not-used"
            }],
            "achievement": {
              "id": "https://example.edu/achievements/teamwork",
              "type": ["Achievement"],
              "name": "Teamwork",
              "description": "This badge recognizes the development of the capacity to collaborate within a group environment.",
              "achievementType": "Badge",
              "criteria": { "narrative": "Team members are nominated for this badge by their peers and recognized upon review by Example University faculty." },
              "alignment": [{ "type": ["Alignment"], "targetName": "Collaboration competency" }]
            },
            "result": [{ "type": ["Result"], "value": "A" }]
          },
          "credentialStatus": {
            "id": "https://example.edu/status/3#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": "https://example.edu/status/3"
          },
          "credentialSchema": [{
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019"
          }]
        }
        """;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
