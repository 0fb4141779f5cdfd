using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Credentials.Interop.Tests.Mdoc;

/// <summary>
/// The <c>@animo-id/mdoc</c> side of the mdoc interop tests: their issuer and holder (<c>node/mdoc-issue.mjs</c>, with
/// their own IACA, document signer and device key) and their verifier (<c>node/mdoc-verify.mjs</c>). Element values
/// travel as typed JSON: strings, numbers, booleans as themselves, <c>{"$full-date": "…"}</c> (tag 1004),
/// <c>{"$tdate": "…"}</c> (tag 0), <c>{"$bstr": "&lt;hex&gt;"}</c>, arrays, and maps as objects.
/// </summary>
internal static class MdocJs
{
    /// <summary>
    /// Their issuer and holder. <paramref name="scenario"/> carries <c>docType</c>, <c>nameSpaces</c>, <c>disclose</c>
    /// and the OpenID4VP inputs; returns <c>{ iacaPem, dsPem, devicePrivateJwk, issuerSignedHex, deviceResponseHex,
    /// deviceResponseBase64Url, sessionTranscriptHex }</c>.
    /// </summary>
    public static Task<JsonObject> IssueAndPresentAsync(JsonObject scenario) => RunAsync("mdoc-issue.mjs", scenario);

    /// <summary>
    /// Their verifier on <paramref name="deviceResponse"/>, trusting <paramref name="trustedPems"/>, with the OpenID4VP
    /// redirect SessionTranscript of the given inputs. Returns <c>{ ok, failed: [{category, check, reason}], passed,
    /// error, documents: [{docType, elements}] }</c>; a rejection is <c>ok: false</c>, not an exception.
    /// </summary>
    public static Task<JsonObject> VerifyAsync(ReadOnlyMemory<byte> deviceResponse, string[] trustedPems, string clientId, string nonce, string responseUri, string? jwkThumbprintHex = null)
        => RunAsync("mdoc-verify.mjs", new JsonObject
        {
            ["deviceResponseHex"] = Convert.ToHexStringLower(deviceResponse.Span),
            ["trustedPems"] = new JsonArray([.. trustedPems.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["clientId"] = clientId,
            ["nonce"] = nonce,
            ["responseUri"] = responseUri,
            ["jwkThumbprintHex"] = jwkThumbprintHex,
        });

    /// <summary>The categories of the checks their verifier failed, for assertions and messages.</summary>
    public static string[] FailedCategories(JsonObject verdict)
        => [.. (verdict["failed"]?.AsArray() ?? []).Select(f => (string?)f?["category"] ?? "?").Distinct()];

    /// <summary>The elements their verifier returned for the first document's <paramref name="nameSpace"/>.</summary>
    public static JsonObject Elements(JsonObject verdict, string nameSpace)
        => verdict["documents"]?[0]?["elements"]?[nameSpace]?.AsObject() ?? throw new InvalidOperationException($"No elements for {nameSpace}: {verdict.ToJsonString()}");

    private static async Task<JsonObject> RunAsync(string script, JsonObject request)
    {
        var stdout = await NodeRunner.Shared.RunAsync(script, request.ToJsonString());
        return JsonNode.Parse(stdout)?.AsObject() ?? throw new InvalidOperationException($"{script} printed no JSON object.");
    }
}
