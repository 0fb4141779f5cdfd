using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Dcql;
using Credentials.Dids;
using Credentials.Dids.Methods;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.OpenId4Vp;
using Credentials.Testing;
using Xunit;

namespace Credentials.Tests.OpenId4Vp;

/// <summary>Shared inputs: the spec vectors folder, a DCQL query, and a verifier DID key that signs Request Objects.</summary>
internal static class OpenId4VpTestData
{
    public const string ResponseUri = "https://verifier.example.jp/openid4vp/response";

    public static string Vector(string name) => Path.Combine(RepositoryRoot.Path, "specs", "vectors", "openid4vp", name);

    public static string VectorsFolder => Path.GetDirectoryName(Vector("README.md"))!;

    public static DcqlQuery AgeQuery() => DcqlQuery.Read("""
        {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/age/v1"]},"claims":[{"path":["age_over_20"],"values":[true]}]}]}
        """).GetValueOrThrow();

    public static List<KeyValuePair<string, string>> RedirectUriParameters() =>
    [
        new("client_id", "redirect_uri:" + ResponseUri),
        new("response_type", "vp_token"),
        new("response_mode", "direct_post"),
        new("response_uri", ResponseUri),
        new("nonce", "n-0S6_WzA2Mj"),
        new("state", "st4te_-.~"),
        new("dcql_query", AgeQuery().ToJson()),
    ];

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        parameters.RemoveAll(p => p.Key == name);
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }

        return parameters;
    }

    public static string Link(IEnumerable<KeyValuePair<string, string>> parameters) => AuthorizationRequestLink.Create("openid4vp://", parameters);
}

/// <summary>A verifier identity: a did:key and its signing key; signs Request Objects as the verifier would.</summary>
internal sealed class DidVerifierKey : IDisposable
{
    public DidVerifierKey(JwsAlgorithm? algorithm = null)
    {
        Key = SigningKey.Create(algorithm ?? JwsAlgorithm.Es256);
        Did = DidKey.Create(Key);
        KeyId = DidKey.GetKeyId(Did).Value;
    }

    public SigningKey Key { get; }

    public Did Did { get; }

    public string KeyId { get; }

    public string ClientId => "decentralized_identifier:" + Did.Value;

    public AuthorizationRequest Request(string? walletNonce = null) => new()
    {
        ClientId = ClientId,
        ResponseUri = ResponseUriValue,
        Nonce = "n-0S6_WzA2Mj",
        State = "state-1",
        DcqlQuery = OpenId4VpTestData.AgeQuery(),
        WalletNonce = walletNonce,
    };

    public static string ResponseUriValue => OpenId4VpTestData.ResponseUri;

    /// <summary>Signs a payload; <paramref name="kid"/> and <paramref name="type"/> can be overridden to forge headers.</summary>
    public string Sign(byte[] payload, string? kid = null, string? type = OpenId4VpConstants.RequestObjectType, SigningKey? with = null)
        => JwsWriter.SignCompact(with ?? Key, payload, type, new Dictionary<string, JsonNode?> { ["kid"] = kid ?? KeyId });

    public string Sign(AuthorizationRequest request, DateTimeOffset? expires = null)
        => Sign(request.ToRequestObjectPayload(DateTimeOffset.UtcNow, expires ?? DateTimeOffset.UtcNow.AddMinutes(5)));

    public static byte[] Payload(string json) => Encoding.UTF8.GetBytes(json);

    public void Dispose() => Key.Dispose();
}
