using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;

namespace Credentials.Tests.W3c.DataIntegrity;

/// <summary>Documents, keys, issuers and verifiers for the Data Integrity tests.</summary>
internal static class DiTestSupport
{
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    public static JsonObject Credential() => JsonNode.Parse("""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "id": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
          "type": ["VerifiableCredential", "ExampleDegreeCredential"],
          "issuer": "did:example:issuer",
          "validFrom": "2026-01-01T00:00:00Z",
          "credentialSubject": { "id": "did:example:subject", "degree": { "type": "ExampleBachelorDegree", "name": "理学士", "gpa": 3.75 } }
        }
        """)!.AsObject();

    public static string VerificationMethod(SigningKey key) => DidKey.GetKeyId(DidKey.Create(key)).Value;

    /// <summary>The pinned contexts and the examples context (a <c>@vocab</c> catch-all) the test credential uses.</summary>
    public static readonly PinnedJsonLdDocumentLoader Loader = PinnedJsonLdDocumentLoader.Default.WithCatchAllContexts();

    public static DataIntegrityIssuer Issuer(SigningKey key) => new(key, VerificationMethod(key), new DataIntegrityIssuerOptions { TimeProvider = TestClock.At(Now), DocumentLoader = Loader });

    public static DataIntegrityVerifier Verifier(DataIntegrityVerifierOptions? options = null, IDidResolver? resolver = null)
        => new(resolver ?? DidResolver.CreateDefault(), (options ?? DataIntegrityVerifierOptions.Default) with { TimeProvider = TestClock.At(Now), DocumentLoader = Loader });

    public static async Task<JsonObject> SignAsync(SigningKey key, Cryptosuite suite, JsonObject? document = null, Func<DataIntegrityProofOptions, DataIntegrityProofOptions>? configure = null)
    {
        var options = new DataIntegrityProofOptions { Cryptosuite = suite };
        return await Issuer(key).AddProofAsync(document ?? Credential(), configure?.Invoke(options) ?? options);
    }

    public static JsonElement Element(JsonNode node) => JsonElement.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static JsonElement Element(string json) => JsonElement.Parse(Encoding.UTF8.GetBytes(json));

    public static async Task<VerificationResult<VerifiedDataIntegrityDocument>> VerifyAsync(JsonNode document, ProofRequirement? requirement = null, DataIntegrityVerifierOptions? options = null, IDidResolver? resolver = null)
        => await Verifier(options, resolver).VerifyAsync(Element(document), requirement ?? ProofRequirement.AssertionMethod);

    /// <summary>Serves fixed DID documents.</summary>
    public sealed class StaticDidResolver(params DidDocument[] documents) : IDidResolver
    {
        public ValueTask<VerificationResult<DidDocument>> ResolveAsync(Did did, CancellationToken cancellationToken = default)
        {
            foreach (var document in documents)
            {
                if (document.Id == did.Value)
                {
                    return ValueTask.FromResult(VerificationResult<DidDocument>.Success(document));
                }
            }

            return ValueTask.FromResult(VerificationResult<DidDocument>.Failure(new VerificationError(DidErrors.InvalidDid, "Unknown DID.")));
        }
    }

    public static IReadOnlyList<VerificationMethodReference> Refs(string id) => [VerificationMethodReference.To(id)];
}
