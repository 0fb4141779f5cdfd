using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Credentials.W3c.JsonLd;
using Credentials.W3c.Rdfc;

namespace Credentials.Tests.W3c.JsonLd;

/// <summary>Runs toRdf over JSON text and serves contexts from memory.</summary>
internal static class JsonLdTestSupport
{
    public static async Task<VerificationResult<IReadOnlyList<RdfQuad>>> ToRdf(string json, JsonLdOptions? options = null, IJsonLdDocumentLoader? loader = null, int maxDepth = 64)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
        return await new JsonLdProcessor(loader ?? PinnedJsonLdDocumentLoader.Default, options).ToRdfAsync(document.RootElement);
    }

    public static string Canonical(IReadOnlyList<RdfQuad> quads) => RdfCanonicalizer.Canonicalize(quads).GetValueOrThrow().NQuads;

    /// <summary>A credential with the VC 2.0 context and every term defined.</summary>
    public const string Credential = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "http://example.com/credentials/3527",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"], "name": "Example Corp"},
          "validFrom": "2010-01-01T00:00:00Z",
          "name": "Teamwork Badge",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://example.com/achievements/21st-century-skills/teamwork",
              "type": ["Achievement"],
              "criteria": {"narrative": "Nominated by peers."},
              "description": "Collaboration within a group.",
              "name": "Teamwork"
            }
          }
        }
        """;
}

/// <summary>Serves documents from memory, optionally completing every load asynchronously.</summary>
internal sealed class MemoryDocumentLoader(IReadOnlyDictionary<string, string> documents, bool asynchronous = false) : IJsonLdDocumentLoader
{
    private int _loads;

    public int Loads => _loads;

    public async ValueTask<VerificationResult<JsonLdRemoteDocument>> LoadAsync(Uri url, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        if (asynchronous)
        {
            await Task.Yield();
        }

        if (!documents.TryGetValue(url.OriginalString, out var json))
        {
            return new VerificationError(JsonLdErrors.ContextNotPinned, "Not served.");
        }

        using var document = JsonDocument.Parse(json);
        return new JsonLdRemoteDocument(url, document.RootElement.Clone());
    }
}
