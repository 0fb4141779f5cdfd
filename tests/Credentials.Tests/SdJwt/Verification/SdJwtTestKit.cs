using System;
using System.Buffers.Text;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.Trust;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.SdJwt.Verification;

/// <summary>Keys, a clock and helpers to craft SD-JWTs by hand (re-signed by the real issuer key) and verify them.</summary>
internal sealed class SdJwtTestKit : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public const string Audience = "https://verifier.example";
    public const string Nonce = "n-0S6_WzA2Mj";

    public SdJwtTestKit(JwsAlgorithm? issuerAlgorithm = null, JwsAlgorithm? holderAlgorithm = null)
    {
        IssuerKey = SigningKey.Create(issuerAlgorithm ?? JwsAlgorithm.EdDsa);
        HolderKey = SigningKey.Create(holderAlgorithm ?? JwsAlgorithm.EdDsa);
    }

    public SigningKey IssuerKey { get; }

    public SigningKey HolderKey { get; }

    public FakeTimeProvider Clock { get; } = new(Now);

    public long NowSeconds => Now.ToUnixTimeSeconds();

    public string CnfJson => "{\"jwk\":" + HolderKey.PublicJwk.ToJson() + "}";

    /// <summary>Signs a hand-written payload with the issuer key: the signature is valid, only SD-JWT rules can fail.</summary>
    public string SignPayload(string payloadJson, string? type = "example+sd-jwt")
        => JwsWriter.SignCompact(IssuerKey, Encoding.UTF8.GetBytes(payloadJson), type);

    /// <summary>An SD-JWT (ending in <c>~</c>) of a hand-written payload and encoded disclosures.</summary>
    public string Compact(string payloadJson, params string[] disclosures)
        => SignPayload(payloadJson) + "~" + string.Concat(disclosures.Select(d => d + "~"));

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Digest(string encodedDisclosure) => SdHashAlgorithm.Sha256.ComputeDigest(encodedDisclosure);

    public static string Quoted(params string[] digests) => string.Join(",", digests.Select(d => "\"" + d + "\""));

    public SdJwtVerifier Verifier(SdJwtVerifierOptions? options = null)
        => new(new StaticIssuerKeyResolver(IssuerKey.PublicJwk), options ?? Options());

    public SdJwtVerifierOptions Options() => new() { TimeProvider = Clock };

    public ValueTask<VerificationResult<VerifiedSdJwt>> VerifyAsync(string presentation, KeyBindingRequirement? keyBinding = null, SdJwtVerifierOptions? options = null)
        => Verifier(options).VerifyAsync(presentation, keyBinding ?? KeyBindingRequirement.Forbidden);

    /// <summary>A KB-JWT over <paramref name="sdJwt"/> (which must end in <c>~</c>) with any field overridable.</summary>
    public string KeyBindingJwt(
        string sdJwt,
        string? audienceJson = null,
        string? nonce = Nonce,
        long? iat = null,
        SigningKey? key = null,
        string? type = "kb+jwt",
        string? sdHash = null)
    {
        var members = new System.Collections.Generic.List<string>();
        if (nonce is not null)
        {
            members.Add("\"nonce\":\"" + nonce + "\"");
        }

        members.Add("\"aud\":" + (audienceJson ?? "\"" + Audience + "\""));
        members.Add("\"iat\":" + (iat ?? NowSeconds));
        members.Add("\"sd_hash\":\"" + (sdHash ?? SdHashAlgorithm.Sha256.ComputeDigest(sdJwt)) + "\"");
        var payload = "{" + string.Join(",", members) + "}";
        return JwsWriter.SignCompact(key ?? HolderKey, Encoding.UTF8.GetBytes(payload), type);
    }

    public void Dispose()
    {
        IssuerKey.Dispose();
        HolderKey.Dispose();
    }
}
