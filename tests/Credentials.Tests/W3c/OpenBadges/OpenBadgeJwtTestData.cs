using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Keys;
using Credentials.W3c;

namespace Credentials.Tests.W3c.OpenBadges;

/// <summary>Badges as plain JSON, and tokens signed by hand (RS256 included) for the Open Badges JWT tests.</summary>
internal static class OpenBadgeJwtTestData
{
    public const string IssuerId = "https://badges.example.jp/issuers/1";
    public const string KeyId = IssuerId + "#key-1";
    public const string CredentialId = "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58";
    public const string SubjectId = "did:example:ebfeb1f712ebc6f1c276e12ec21";
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    public static JsonObject Badge(string issuer = IssuerId, string validFrom = "2026-01-01T00:00:00Z", string? validUntil = "2036-01-01T00:00:00Z")
    {
        var badge = JsonNode.Parse($$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "{{CredentialId}}",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "{{issuer}}", "type": ["Profile"], "name": "情報処理技術者試験センター"},
          "validFrom": "{{validFrom}}",
          "name": "基本情報技術者",
          "credentialSubject": {
            "id": "{{SubjectId}}",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://badges.example.jp/achievements/fe",
              "type": ["Achievement"],
              "criteria": {"narrative": "試験に合格すること。"},
              "description": "基本情報技術者試験の合格者。",
              "name": "基本情報技術者"
            }
          }
        }
        """)!.AsObject();
        if (validUntil is not null)
        {
            badge["validUntil"] = validUntil;
        }

        return badge;
    }

    public static W3cCredential Credential(JsonObject badge) => W3cCredential.Read(badge.ToJsonString()).GetValueOrThrow();

    /// <summary>The badge as the JWT payload section 8.2.4 describes.</summary>
    public static JsonObject Payload(JsonObject badge)
    {
        var payload = badge.DeepClone().AsObject();
        payload["iss"] = badge["issuer"]!["id"]!.GetValue<string>();
        payload["jti"] = badge["id"]!.GetValue<string>();
        payload["sub"] = badge["credentialSubject"]!["id"]!.GetValue<string>();
        payload["nbf"] = DateTimeOffset.Parse(badge["validFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        if (badge["validUntil"] is { } until)
        {
            payload["exp"] = DateTimeOffset.Parse(until.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        }

        return payload;
    }

    public static JsonObject RsaJwk(RSA rsa)
    {
        var parameters = rsa.ExportParameters(false);
        return new JsonObject { ["kty"] = "RSA", ["n"] = Base64Url.EncodeToString(parameters.Modulus), ["e"] = Base64Url.EncodeToString(parameters.Exponent) };
    }

    public static JsonObject Header(string alg, JsonObject? jwk = null, string? kid = null, string? typ = "JWT")
    {
        var header = new JsonObject { ["alg"] = alg };
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        if (kid is not null)
        {
            header["kid"] = kid;
        }

        if (jwk is not null)
        {
            header["jwk"] = jwk;
        }

        return header;
    }

    public static string SignRs256(RSA rsa, JsonObject header, JsonObject payload)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64Url.EncodeToString(rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static string Sign(SigningKey key, JsonObject header, JsonObject payload)
    {
        var input = Encode(header) + "." + Encode(payload);
        return input + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    public static JsonObject PublicJwk(SigningKey key) => JsonNode.Parse(key.PublicJwk.ToJson())!.AsObject();

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
