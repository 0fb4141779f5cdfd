using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Jose;
using Credentials.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Interop.Tests.IdentityModel;

/// <summary>Shared token material for the IdentityModel interop tests.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "https://verifier.example";
    public const string Subject = "山田太郎";

    public static byte[] Payload()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = Subject,
            ["iat"] = now,
            ["exp"] = now + 600,
        };
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    public static SecurityTokenDescriptor Descriptor(SigningCredentials credentials) => new()
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = new Dictionary<string, object> { ["sub"] = Subject },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = credentials,
    };

    public static TokenValidationParameters Parameters(SecurityKey key, string algorithm, CryptoProviderFactory? factory = null) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [algorithm],
        CryptoProviderFactory = factory,
    };

    public static JwsAlgorithm Algorithm(string name)
        => JwsAlgorithm.TryGet(name, out var algorithm) ? algorithm : throw new ArgumentException(name, nameof(name));

    /// <summary>Changes the <c>sub</c> claim in the payload and keeps the header and signature.</summary>
    public static string TamperPayload(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[1]))!.AsObject();
        payload["sub"] = "someone else";
        return string.Join('.', parts[0], Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString())), parts[2]);
    }

    public static VerificationKey PublicOf(SigningKey key) => VerificationKey.Create(key.PublicJwk);
}
