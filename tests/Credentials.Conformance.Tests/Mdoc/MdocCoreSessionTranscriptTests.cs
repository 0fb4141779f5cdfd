using System;
using System.Text.Json;
using Credentials.Keys;
using Credentials.Mdoc;
using Xunit;

namespace Credentials.Conformance.Tests.Mdoc;

/// <summary>OpenID4VP 1.0 Appendix B.2.6: the redirect and DC API session transcripts, byte for byte.</summary>
public sealed class MdocCoreSessionTranscriptTests
{
    [Fact]
    public void Redirect_OpenId4VpHandover_ReproducesTheSpecExample()
    {
        var vector = MdocCoreVectors.Json("openid4vp-1.0", "session_transcript_redirect.json");
        var inputs = vector.GetProperty("inputs");

        var transcript = SessionTranscript.ForOpenId4Vp(
            inputs.GetProperty("client_id").GetString()!,
            inputs.GetProperty("nonce").GetString()!,
            Thumbprint(vector),
            inputs.GetProperty("response_uri").GetString()!);

        Assert.Equal(Convert.FromHexString(vector.GetProperty("session_transcript_hex").GetString()!), transcript.Encoded.ToArray());
    }

    [Fact]
    public void DigitalCredentialsApi_OpenId4VpDcApiHandover_ReproducesTheSpecExample()
    {
        var vector = MdocCoreVectors.Json("openid4vp-1.0", "session_transcript_dc_api.json");
        var inputs = vector.GetProperty("inputs");

        var transcript = SessionTranscript.ForDigitalCredentialsApi(inputs.GetProperty("origin").GetString()!, inputs.GetProperty("nonce").GetString()!, Thumbprint(vector));

        Assert.Equal(Convert.FromHexString(vector.GetProperty("session_transcript_hex").GetString()!), transcript.Encoded.ToArray());
    }

    [Fact]
    public void WithoutEncryption_TheThumbprintIsNull_AndTheTranscriptDiffers()
    {
        var vector = MdocCoreVectors.Json("openid4vp-1.0", "session_transcript_redirect.json");
        var inputs = vector.GetProperty("inputs");

        var transcript = SessionTranscript.ForOpenId4Vp(inputs.GetProperty("client_id").GetString()!, inputs.GetProperty("nonce").GetString()!, null, inputs.GetProperty("response_uri").GetString()!);

        Assert.NotEqual(Convert.FromHexString(vector.GetProperty("session_transcript_hex").GetString()!), transcript.Encoded.ToArray());
        Assert.Equal([0x83, 0xf6, 0xf6, 0x82], transcript.Encoded[..4].ToArray());
    }

    private static byte[] Thumbprint(JsonElement vector)
    {
        // The thumbprint in the inputs is the RFC 7638 SHA-256 thumbprint of the verifier's encryption key.
        var jwk = Jwk.Parse(vector.GetProperty("verifier_encryption_jwk").GetRawText());
        var computed = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.ComputeThumbprint());
        Assert.Equal(Convert.FromHexString(vector.GetProperty("inputs").GetProperty("jwk_thumbprint_hex").GetString()!), computed);
        return computed;
    }
}
