using System;

namespace Credentials.OpenId4Vci;

/// <summary>A successful Token Response (RFC 6749 section 5.1; OpenID4VCI 1.0 section 6.2).</summary>
public sealed record TokenResponse
{
    /// <summary>The access token. A secret: never log it.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The token type: <c>Bearer</c>, or <c>DPoP</c> for a token bound to a DPoP key (RFC 9449 section 5).</summary>
    public required string TokenType { get; init; }

    /// <summary>The lifetime in seconds, if given.</summary>
    public int? ExpiresIn { get; init; }

    /// <summary>Serializes the response.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => OpenId4VciJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", AccessToken);
        w.WriteString("token_type", TokenType);
        if (ExpiresIn is { } e)
        {
            w.WriteNumber("expires_in", e);
        }

        w.WriteEndObject();
    });

    /// <summary>Parses an untrusted Token Response; unknown members are ignored.</summary>
    /// <param name="utf8">The body.</param>
    /// <returns>The response, or <see cref="OpenId4VciErrors.InvalidResponse"/>.</returns>
    public static VerificationResult<TokenResponse> Read(ReadOnlyMemory<byte> utf8)
    {
        if (OpenId4VciJson.ParseObject(utf8) is not { } root
            || !OpenId4VciJson.TryRequiredString(root, "access_token", out var token)
            || !OpenId4VciJson.TryRequiredString(root, "token_type", out var type)
            || !OpenId4VciJson.TryOptionalInt(root, "expires_in", 0, int.MaxValue, out var expiresIn))
        {
            return new VerificationError(OpenId4VciErrors.InvalidResponse, "The Token Response needs string access_token and token_type, and an integer expires_in if any.");
        }

        return new TokenResponse { AccessToken = token, TokenType = type, ExpiresIn = expiresIn };
    }

    /// <inheritdoc />
    public override string ToString() => $"TokenResponse({TokenType}, expires_in={ExpiresIn})";
}
