using System;
using System.Text.Json.Nodes;

namespace Credentials.Tests.W3c;

/// <summary>Valid documents to start from; each test changes one thing.</summary>
internal static class W3cTestData
{
    public const string IssuerId = "https://exam.example.jp/issuers/1";
    public const string SubjectId = "did:example:ebfeb1f712ebc6f1c276e12ec21";

    public const string Credential = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
          "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
          "type": ["VerifiableCredential", "ExamCertificate"],
          "name": "基本情報技術者試験 合格証書",
          "issuer": "https://exam.example.jp/issuers/1",
          "validFrom": "2025-04-01T00:00:00+09:00",
          "validUntil": "2035-04-01T00:00:00+09:00",
          "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "examName": "基本情報技術者試験",
            "passedOn": "2025-03-15"
          }
        }
        """;

    public const string Presentation = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
          "type": ["VerifiablePresentation"],
          "holder": "did:example:ebfeb1f712ebc6f1c276e12ec21",
          "verifiableCredential": [{
            "@context": "https://www.w3.org/ns/credentials/v2",
            "type": "EnvelopedVerifiableCredential",
            "id": "data:application/vc+jwt,eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln"
          }]
        }
        """;

    /// <summary>The credential with one change.</summary>
    public static string CredentialWith(Action<JsonObject> change) => With(Credential, change);

    /// <summary>The presentation with one change.</summary>
    public static string PresentationWith(Action<JsonObject> change) => With(Presentation, change);

    private static string With(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }
}
