using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.W3c;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.JsonLd;

namespace Credentials.Interop.Tests.W3c;

/// <summary>
/// The W3C VC 2.0 peers: <c>@digitalbazaar/vc</c> with its Data Integrity cryptosuites (<c>node/vc-di-sign.mjs</c>,
/// <c>node/vc-di-verify.mjs</c>) and <c>jose</c> for <c>vc+jwt</c> (<c>node/vc-jwt-sign.mjs</c>,
/// <c>node/vc-jwt-verify.mjs</c>), and the credential both sides secure.
/// </summary>
internal static class W3cPeers
{
    /// <summary>
    /// The pinned contexts (<c>specs/vectors/jsonld-contexts</c>, copied to the test output): their document loader
    /// reads the files its README's table names and refuses every other URL.
    /// </summary>
    public static string ContextsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "jsonld-contexts");

    /// <summary>
    /// An exam certificate as an Open Badges 3.0 credential: Japanese text (plain strings and a language map of
    /// <c>ja</c>/<c>en</c> value objects), VCDM 2.0 and OB 3.0.3 contexts only, every term defined by them, so both
    /// sides process it in safe mode with the pinned contexts and no catch-all vocabulary.
    /// </summary>
    /// <param name="issuer">The issuer's id (a did:key, so that the issuer controls the signing key).</param>
    public static JsonObject ExamCertificate(string issuer) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["name"] = "基本情報技術者試験 合格証書",
        ["description"] = new JsonArray(
            new JsonObject { ["@value"] = "基本情報技術者試験に合格したことを証明する。", ["@language"] = "ja" },
            new JsonObject { ["@value"] = "Certifies a pass of the Fundamental Information Technology Engineer Examination.", ["@language"] = "en" }),
        ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "情報処理技術者試験センター" },
        ["validFrom"] = "2025-04-01T00:00:00+09:00",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:ebfeb1f712ebc6f1c276e12ec21",
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://exam.example.jp/achievements/fe",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = "基本情報技術者試験",
                ["description"] = "情報処理技術者試験 レベル2",
                ["criteria"] = new JsonObject { ["narrative"] = "科目A・科目Bともに600点以上（1,000点満点）" },
            },
        },
    };

    /// <summary>The credential with the achievement's name changed, as an attacker would after signing.</summary>
    public static JsonObject Tampered(JsonObject secured)
    {
        var copy = secured.DeepClone().AsObject();
        copy["credentialSubject"]!["achievement"]!["name"] = "応用情報技術者試験";
        return copy;
    }

    /// <summary>Their issuer (<c>vc.issue</c>) with a new key; returns <c>{credential, issuer, verificationMethod}</c>.</summary>
    public static async Task<JsonObject> DigitalBazaarSignAsync(JsonObject credential, string cryptosuite)
        => await RunAsync("vc-di-sign.mjs", new JsonObject { ["credential"] = credential.DeepClone() }, ContextsDirectory, cryptosuite);

    /// <summary>Their verifier (<c>vc.verifyCredential</c>); returns <c>{valid, errors}</c>.</summary>
    public static async Task<JsonObject> DigitalBazaarVerifyAsync(JsonObject secured)
        => await RunAsync("vc-di-verify.mjs", secured, ContextsDirectory);

    /// <summary>jose's <c>CompactSign</c> of the credential as <c>vc+jwt</c>; returns <c>{jwt, publicJwk}</c>.</summary>
    public static async Task<JsonObject> JoseSignAsync(JsonObject credential, string algorithm, Jwk? privateJwk = null, string? kid = null)
        => await RunAsync("vc-jwt-sign.mjs", new JsonObject
        {
            ["credential"] = credential.DeepClone(),
            ["jwk"] = privateJwk is null ? null : JsonNode.Parse(privateJwk.ToJson()),
            ["kid"] = kid,
        }, algorithm);

    /// <summary>jose's <c>compactVerify</c> plus the <c>vc+jwt</c> checks; returns <c>{valid, credential, header}</c> or <c>{valid: false, code}</c>.</summary>
    public static async Task<JsonObject> JoseVerifyAsync(string jwt, Jwk publicJwk, string algorithm)
        => await RunAsync("vc-jwt-verify.mjs", new JsonObject
        {
            ["jwt"] = jwt,
            ["jwk"] = JsonNode.Parse(publicJwk.ToJson()),
            ["alg"] = algorithm,
        });

    /// <summary>
    /// Our verifier as an application configures it: the default DID resolver (did:key offline) and the default pinned
    /// contexts, without the catch-all vocabularies.
    /// </summary>
    public static W3cCredentialVerifier OurVerifier() => new(DidResolver.CreateDefault());

    /// <summary>Our Data Integrity verifier, with the default pinned contexts.</summary>
    public static DataIntegrityVerifier OurDataIntegrityVerifier()
        => new(DidResolver.CreateDefault(), new DataIntegrityVerifierOptions { DocumentLoader = PinnedJsonLdDocumentLoader.Default });

    private static async Task<JsonObject> RunAsync(string script, JsonNode input, params string[] args)
    {
        var output = await NodeRunner.Shared.RunAsync(script, input.ToJsonString(), args);
        return JsonNode.Parse(output)?.AsObject() ?? throw new InvalidOperationException($"{script} printed nothing.");
    }
}
