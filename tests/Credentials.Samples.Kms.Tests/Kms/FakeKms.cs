using System;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Credentials.Keys;

namespace Credentials.Samples.Kms.Tests.Kms;

/// <summary>
/// AWS KMS as the SDK sees it on the wire (JSON 1.1 protocol, <c>X-Amz-Target: TrentService.*</c>): GetPublicKey
/// answers with the key's DER SubjectPublicKeyInfo, Sign with a DER ECDSA signature (or a raw Ed25519 one) made by a
/// real key held here.
/// </summary>
internal sealed class FakeKms
{
    public const string Arn = "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private readonly string _keySpec;
    private readonly byte[] _spki;
    private readonly Func<byte[], byte[]> _sign;
    private readonly string _signingAlgorithm;

    private FakeKms(string keySpec, byte[] spki, string signingAlgorithm, Func<byte[], byte[]> sign)
    {
        _keySpec = keySpec;
        _spki = spki;
        _signingAlgorithm = signingAlgorithm;
        _sign = sign;
        Handler = new RecordingHandler(Respond);
    }

    public RecordingHandler Handler { get; }

    /// <summary>Whether Sign answers with a JOSE r||s signature where KMS gives DER (a broken proxy).</summary>
    public bool AnswerWithRawSignature { get; set; }

    /// <summary>The KMS error type Sign answers with, when set (a disabled key, a throttled call).</summary>
    public string? SignError { get; set; }

    public static FakeKms Ecdsa(ECDsa key, string keySpec, string signingAlgorithm) =>
        new(keySpec, key.ExportSubjectPublicKeyInfo(), signingAlgorithm, digest => key.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence));

    public static FakeKms Ed25519(SigningKey key) =>
        new("ECC_NIST_EDWARDS25519", PublicKeyInfo.FromJwk(key.PublicJwk), "ED25519_SHA_512", message => key.Sign(message));

    public static FakeKms WithPublicKey(string keySpec, byte[] spki, string signingAlgorithm) =>
        new(keySpec, spki, signingAlgorithm, _ => throw new InvalidOperationException("This key does not sign."));

    public AmazonKeyManagementServiceClient CreateClient() => new(
        new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        new AmazonKeyManagementServiceConfig
        {
            RegionEndpoint = RegionEndpoint.APNortheast1,
            HttpClientFactory = new HandlerFactory(Handler),
            MaxErrorRetry = 0,
        });

    private HttpResponseMessage Respond(HttpRequestMessage request, string body)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? string.Join(",", values) : string.Empty;
        var json = JsonNode.Parse(body)!.AsObject();
        return target switch
        {
            "TrentService.GetPublicKey" => Json(new JsonObject
            {
                ["CustomerMasterKeySpec"] = _keySpec,
                ["KeyId"] = Arn,
                ["KeySpec"] = _keySpec,
                ["KeyUsage"] = "SIGN_VERIFY",
                ["PublicKey"] = Convert.ToBase64String(_spki),
                ["SigningAlgorithms"] = new JsonArray(_signingAlgorithm),
            }),
            "TrentService.Sign" when SignError is not null => Error(SignError, "The request failed."),
            "TrentService.Sign" when (string?)json["KeyId"] != Arn => Error("NotFoundException", "Key not found."),
            "TrentService.Sign" when (string?)json["SigningAlgorithm"] != _signingAlgorithm => Error("InvalidKeyUsageException", "Wrong signing algorithm."),
            "TrentService.Sign" => Json(new JsonObject
            {
                ["KeyId"] = Arn,
                ["Signature"] = Convert.ToBase64String(Sign(Convert.FromBase64String((string)json["Message"]!), (string?)json["MessageType"])),
                ["SigningAlgorithm"] = _signingAlgorithm,
            }),
            _ => Error("UnknownOperationException", "Unknown operation."),
        };
    }

    private byte[] Sign(byte[] message, string? messageType)
    {
        var signature = _sign(message);
        if (_signingAlgorithm.StartsWith("ECDSA", StringComparison.Ordinal))
        {
            // KMS signs a DIGEST message type as the hash it is given.
            if (messageType != "DIGEST")
            {
                throw new InvalidOperationException("The adapter must send a digest.");
            }

            return AnswerWithRawSignature ? EcdsaSignatureEncoding.DerToJose(signature, message.Length == 48 ? JwsAlgorithm.Es384 : JwsAlgorithm.Es256) : signature;
        }

        return messageType == "RAW" ? signature : throw new InvalidOperationException("Ed25519 signs the raw message.");
    }

    private static HttpResponseMessage Json(JsonObject body)
    {
        var response = RecordingHandler.Json(HttpStatusCode.OK, body.ToJsonString(), "application/x-amz-json-1.1");
        response.Headers.Add("x-amzn-RequestId", "6b5f3c2e-0a1b-4c2d-9e8f-001122334455");
        return response;
    }

    private static HttpResponseMessage Error(string type, string message)
    {
        var response = RecordingHandler.Json(HttpStatusCode.BadRequest, JsonSerializer.Serialize(new { __type = type, message }), "application/x-amz-json-1.1");
        response.Headers.Add("x-amzn-RequestId", "6b5f3c2e-0a1b-4c2d-9e8f-001122334456");
        return response;
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
