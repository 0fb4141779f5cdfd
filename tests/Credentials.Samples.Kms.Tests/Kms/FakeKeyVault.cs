using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Keys;

namespace Credentials.Samples.Kms.Tests.Kms;

/// <summary>
/// Azure Key Vault as the SDK sees it on the wire: the bearer challenge on the first unauthenticated request, the key
/// as a JSON Web Key on <c>GET keys/{name}</c>, and <c>POST keys/{name}/{version}/sign</c> answering with the raw
/// <c>r||s</c> signature (base64url) of the digest, made by a real key held here.
/// </summary>
internal sealed class FakeKeyVault
{
    public const string VaultUri = "https://issuer-keys.vault.azure.net/";
    public const string KeyName = "issuer-signing";
    public const string Version = "0123456789abcdef0123456789abcdef";

    private readonly JsonObject _key;
    private readonly ECDsa? _signingKey;

    private FakeKeyVault(JsonObject key, ECDsa? signingKey)
    {
        _key = key;
        _signingKey = signingKey;
        Handler = new RecordingHandler(Respond);
    }

    public static string KeyVersionId => VaultUri + "keys/" + KeyName + "/" + Version;

    public RecordingHandler Handler { get; }

    /// <summary>Whether sign answers with a DER signature where Key Vault gives r||s (a broken proxy).</summary>
    public bool AnswerWithDerSignature { get; set; }

    public static FakeKeyVault Ec(ECDsa key, string crv, string kty = "EC-HSM")
    {
        var q = key.ExportParameters(false).Q;
        return new(new JsonObject
        {
            ["kid"] = KeyVersionId,
            ["kty"] = kty,
            ["key_ops"] = new JsonArray("sign", "verify"),
            ["crv"] = crv,
            ["x"] = Base64Url(q.X!),
            ["y"] = Base64Url(q.Y!),
        }, key);
    }

    public static FakeKeyVault WithKey(JsonObject key) => new(key, null);

    public KeyClient CreateKeyClient() => new(
        new Uri(VaultUri),
        new FixedTokenCredential(),
        new KeyClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(Handler, disposeHandler: false)),
            Retry = { MaxRetries = 0 },
        });

    private HttpResponseMessage Respond(HttpRequestMessage request, string body)
    {
        if (request.Headers.Authorization is null)
        {
            // The vault's bearer challenge: the SDK learns the tenant and the resource from it, then retries with a token.
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"");
            return challenge;
        }

        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        if (request.Method == HttpMethod.Get && (path == "/keys/" + KeyName || path == "/keys/" + KeyName + "/" + Version))
        {
            var now = 1_765_000_000;
            return Json(new JsonObject
            {
                ["key"] = _key.DeepClone(),
                ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = now, ["updated"] = now, ["recoveryLevel"] = "Recoverable+Purgeable", ["recoverableDays"] = 90, ["exportable"] = false },
            });
        }

        if (request.Method == HttpMethod.Post && path == "/keys/" + KeyName + "/" + Version + "/sign" && _signingKey is not null)
        {
            var json = JsonNode.Parse(body)!.AsObject();
            var digest = System.Buffers.Text.Base64Url.DecodeFromChars((string)json["value"]!);
            var expected = (string)json["alg"]! == "ES384" ? 48 : 32;
            if (digest.Length != expected)
            {
                return Error(HttpStatusCode.BadRequest, "BadParameter", "The digest length does not match the algorithm.");
            }

            var format = AnswerWithDerSignature ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
            return Json(new JsonObject { ["kid"] = KeyVersionId, ["value"] = Base64Url(_signingKey.SignHash(digest, format)) });
        }

        return Error(HttpStatusCode.NotFound, "KeyNotFound", "A key with (name/id) was not found in this key vault.");
    }

    private static string Base64Url(byte[] value) => System.Buffers.Text.Base64Url.EncodeToString(value);

    private static HttpResponseMessage Json(JsonObject body)
    {
        var response = RecordingHandler.Json(HttpStatusCode.OK, body.ToJsonString());
        response.Headers.Add("x-ms-request-id", "5a7c1e2f-3b4d-4e6f-8a9b-0c1d2e3f4a5b");
        return response;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message)
        => RecordingHandler.Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());

    /// <summary>A token credential that hands out one fixed token (what Azure.Identity's credentials do after sign-in).</summary>
    private sealed class FixedTokenCredential : TokenCredential
    {
        private static readonly AccessToken s_token = new("eyJ0eXAiOiJKV1QifQ.e30.sig", new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => s_token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(s_token);
    }
}
