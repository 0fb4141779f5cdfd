using System;
using System.Collections.Immutable;
using System.Text.Json;

namespace Credentials.SdJwt;

/// <summary>A verified SD-JWT: the processed claims and what was checked.</summary>
public sealed class VerifiedSdJwt
{
    internal VerifiedSdJwt(JsonElement claims, JsonElement header, ImmutableArray<ClaimPath> disclosedPaths, KeyBindingResult? keyBinding, SdJwtToken sdJwt)
    {
        Claims = claims;
        Header = header;
        DisclosedPaths = disclosedPaths;
        KeyBinding = keyBinding;
        SdJwt = sdJwt;
        Issuer = claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
    }

    /// <summary>
    /// The processed payload (RFC 9901 section 7.1): plaintext claims plus the disclosed ones, with <c>_sd</c>,
    /// array digests and <c>_sd_alg</c> removed. Undisclosed claims are absent.
    /// </summary>
    public JsonElement Claims { get; }

    /// <summary>The Issuer-signed JWT's protected header.</summary>
    public JsonElement Header { get; }

    /// <summary>The verified <c>iss</c> claim, if any.</summary>
    public string? Issuer { get; }

    /// <summary>The claim paths that were selectively disclosed in this presentation.</summary>
    public ImmutableArray<ClaimPath> DisclosedPaths { get; }

    /// <summary>The key-binding outcome, or <see langword="null"/> when the presentation had no KB-JWT.</summary>
    public KeyBindingResult? KeyBinding { get; }

    /// <summary>The parsed presentation.</summary>
    public SdJwtToken SdJwt { get; }
}

/// <summary>A verified Key Binding JWT (RFC 9901 section 4.3).</summary>
/// <param name="HolderKey">The holder's key from <c>cnf.jwk</c> that signed the KB-JWT.</param>
/// <param name="Audience">The verified <c>aud</c>.</param>
/// <param name="Nonce">The verified <c>nonce</c>.</param>
/// <param name="IssuedAt">The KB-JWT's <c>iat</c>.</param>
public sealed record KeyBindingResult(Keys.Jwk HolderKey, string Audience, string Nonce, DateTimeOffset IssuedAt);
