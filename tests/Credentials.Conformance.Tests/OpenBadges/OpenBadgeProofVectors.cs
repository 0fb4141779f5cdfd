using System;
using System.Buffers.Text;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Dids;
using Credentials.Keys;
using Credentials.Testing;
using Credentials.W3c.DataIntegrity;
using Credentials.W3c.OpenBadges;
using Xunit;

namespace Credentials.Conformance.Tests.OpenBadges;

/// <summary>The Open Badges 3.0 signed examples and the implementation guide's eddsa-rdfc-2022 vector, under <c>vectors/openbadges/</c>.</summary>
internal static class OpenBadgeProofVectors
{
    /// <summary>After every example was signed, before the examples with validUntil expire (2030).</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Signed = "openbadges/spec-rendered-signed/";

    public const string Ldp = "openbadges/ldp-test-vector/";

    public static TheoryData<string> Examples => new()
    {
        "achievement-alignment-case",
        "achievement-alignment-credential-engine",
        "basic-openbadgecredential",
        "complete-openbadgecredential",
        "endorsementcredential",
        "sample-file-contents",
        "skill-assertion-case",
        "skill-assertion-credential-registry",
    };

    public static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "vectors", relativePath);

    public static string Text(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonElement Json(string relativePath) => JsonElement.Parse(File.ReadAllBytes(PathOf(relativePath)));

    public static JsonObject Object(string relativePath) => JsonNode.Parse(File.ReadAllBytes(PathOf(relativePath)))!.AsObject();

    public static string Jwt(string name) => Text(Signed + name + ".jwt").Trim();

    public static JsonObject JwtPayload(string token)
        => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    public static JsonObject JwtHeader(string token)
        => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!.AsObject();

    public static Jwk HeaderKey(string token) => Jwk.ReadPublic(JwtHeader(token)["jwk"]!.ToJsonString()).GetValueOrThrow();

    /// <summary>The token with its payload replaced, header and signature kept.</summary>
    public static string WithPayload(string token, JsonObject payload)
    {
        var parts = token.Split('.');
        return string.Concat(parts[0], ".", Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())), ".", parts[2]);
    }

    public static OpenBadgeJwtVerifier JwtVerifier(OpenBadgeJwtVerifierOptions? options = null)
        => new(DidResolver.CreateDefault(), (options ?? OpenBadgeJwtVerifierOptions.Default) with { TimeProvider = TestClock.At(Now) });

    /// <summary>
    /// The verification method of a signed example as a configured issuer key: its fragment is the Ed25519 Multikey,
    /// and its controller the URL without the fragment (the issuer's id).
    /// </summary>
    public static VerificationMethod MethodOf(string verificationMethod, string? multikey = null)
    {
        var hash = verificationMethod.IndexOf('#', StringComparison.Ordinal);
        return new VerificationMethod
        {
            Id = verificationMethod,
            Type = VerificationMethodTypes.Multikey,
            Controller = verificationMethod[..hash],
            PublicKeyMultibase = multikey ?? verificationMethod[(hash + 1)..],
        };
    }

    public static string VerificationMethodOf(JsonElement signed)
    {
        var proof = signed.GetProperty("proof");
        return (proof.ValueKind == JsonValueKind.Array ? proof[0] : proof).GetProperty("verificationMethod").GetString()!;
    }

    public static DataIntegrityVerifierOptions DiOptions(params VerificationMethod[] methods)
        => new() { TimeProvider = TestClock.At(Now), VerificationMethods = new StaticVerificationMethodResolver(methods) };

    /// <summary>The implementation guide's key: the 32-byte seed of <c>privateKeyHex</c> (seed ‖ public key).</summary>
    public static SigningKey LdpKey()
    {
        var pair = Json(Ldp + "keyPair.json");
        var secret = Convert.FromHexString(pair.GetProperty("privateKeyHex").GetString()!);
        var publicKey = Convert.FromHexString(pair.GetProperty("publicKeyHex").GetString()!);
        return SigningKey.FromJwk(new Jwk { Kty = JwkKeyTypes.Okp, Crv = JwkCurves.Ed25519, X = Base64Url.EncodeToString(publicKey), D = Base64Url.EncodeToString(secret.AsSpan(0, 32)) });
    }
}
