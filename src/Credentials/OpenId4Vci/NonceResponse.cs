using System;

namespace Credentials.OpenId4Vci;

/// <summary>A Nonce Response (OpenID4VCI 1.0 section 7.2): a fresh <c>c_nonce</c> for key proofs.</summary>
public sealed record NonceResponse
{
    /// <summary>The challenge (<c>c_nonce</c>).</summary>
    public required string CNonce { get; init; }

    /// <summary>Serializes the response.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("c_nonce", CNonce);
        w.WriteEndObject();
    });

    /// <summary>Parses an untrusted Nonce Response.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The response, or <see cref="OpenId4VciErrors.InvalidResponse"/>.</returns>
    public static VerificationResult<NonceResponse> Read(ReadOnlyMemory<byte> utf8)
        => OpenId4VciJson.ParseObject(utf8) is { } root && OpenId4VciJson.TryRequiredString(root, "c_nonce", out var nonce)
            ? new NonceResponse { CNonce = nonce }
            : new VerificationError(OpenId4VciErrors.InvalidResponse, "The Nonce Response needs a string c_nonce.");
}
