using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Keys;

namespace Credentials.Interop.Tests.SdJwt;

/// <summary>
/// The sd-jwt-js side of the SD-JWT interop tests: <c>@sd-jwt/core</c> as issuer (<c>node/sdjwt-issue.mjs</c>),
/// holder (<c>node/sdjwt-present.mjs</c>) and verifier (<c>node/sdjwt-verify.mjs</c>). An SD-JWT travels as a
/// <see cref="JsonNode"/>: a JSON string for the compact serialization, a JSON object for the flattened and general
/// JWS JSON serializations (RFC 9901 section 8).
/// </summary>
internal static class SdJwtJs
{
    /// <summary>Their issuer. Returns <c>{ ok, sdJwt, claims }</c>; <c>claims</c> is their view with every disclosure.</summary>
    public static Task<JsonObject> IssueAsync(SigningKey issuer, JsonObject claims, JsonObject disclosureFrame, string serialization, string? type = null)
        => RunAsync("sdjwt-issue.mjs", new JsonObject
        {
            ["issuerJwk"] = PrivateJwk(issuer),
            ["alg"] = issuer.Algorithm.Name,
            ["claims"] = claims.DeepClone(),
            ["disclosureFrame"] = disclosureFrame.DeepClone(),
            ["typ"] = type,
            ["serialization"] = serialization,
        });

    /// <summary>Their holder with a KB-JWT. Returns <c>{ ok, presentation, claims }</c>.</summary>
    public static Task<JsonObject> PresentAsync(JsonNode sdJwt, string serialization, JsonObject presentationFrame, SigningKey holder, string audience, string nonce, long issuedAt)
        => RunAsync("sdjwt-present.mjs", new JsonObject
        {
            ["sdJwt"] = sdJwt.DeepClone(),
            ["serialization"] = serialization,
            ["presentationFrame"] = presentationFrame.DeepClone(),
            ["holderJwk"] = PrivateJwk(holder),
            ["alg"] = holder.Algorithm.Name,
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["iat"] = issuedAt,
        });

    /// <summary>
    /// Their verifier. A non-null <paramref name="nonce"/> makes it require and check the KB-JWT. Returns
    /// <c>{ ok: true, claims, header, kb }</c> or <c>{ ok: false, error }</c>.
    /// </summary>
    public static Task<JsonObject> VerifyAsync(JsonNode sdJwt, string serialization, Jwk issuerPublicJwk, string algorithm, string? nonce)
        => RunAsync("sdjwt-verify.mjs", new JsonObject
        {
            ["sdJwt"] = sdJwt.DeepClone(),
            ["serialization"] = serialization,
            ["issuerJwk"] = JsonNode.Parse(issuerPublicJwk.ToJson()),
            ["alg"] = algorithm,
            ["nonce"] = nonce,
        });

    /// <summary>Our SD-JWT in the given serialization, as the scripts take it.</summary>
    public static JsonNode ToNode(Credentials.SdJwt.SdJwtToken sdJwt, string serialization) => serialization switch
    {
        Serializations.Compact => JsonValue.Create(sdJwt.Serialize()),
        Serializations.Flattened => JsonNode.Parse(sdJwt.ToFlattenedJson())!,
        Serializations.General => JsonNode.Parse(sdJwt.ToGeneralJson())!,
        _ => throw new ArgumentOutOfRangeException(nameof(serialization), serialization, null),
    };

    /// <summary>The text our parser and verifier take: the compact string, or the JWS JSON object's text.</summary>
    public static string ToText(JsonNode sdJwt)
        => sdJwt.GetValueKind() == JsonValueKind.String ? sdJwt.GetValue<string>() : sdJwt.ToJsonString();

    private static JsonNode PrivateJwk(SigningKey key) => JsonNode.Parse(key.ExportPrivateJwk().ToJson())!;

    private static async Task<JsonObject> RunAsync(string script, JsonObject request)
    {
        var stdout = await NodeRunner.Shared.RunAsync(script, request.ToJsonString());
        return JsonNode.Parse(stdout)?.AsObject() ?? throw new InvalidOperationException($"{script} printed no JSON object.");
    }
}

/// <summary>The serializations the interop tests run: compact (RFC 9901 section 4) and JWS JSON (section 8).</summary>
internal static class Serializations
{
    public const string Compact = "compact";
    public const string Flattened = "flattened";
    public const string General = "general";
}
