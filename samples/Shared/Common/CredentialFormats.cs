using System;
using System.Buffers.Text;
using System.Linq;
using System.Text.Json;

namespace Credentials.Samples.Common;

/// <summary>
/// The forms a credential checker recognises (the <c>format</c> of <c>verifier verify --json</c>, the web checker):
/// recognising a form only routes the verification, it trusts nothing.
/// </summary>
public static class CredentialFormats
{
    /// <summary>An SD-JWT VC presentation (or an issued SD-JWT VC): <c>JWS~disclosure~…~[KB-JWT]</c>.</summary>
    public const string SdJwtVc = "sd-jwt-vc";

    /// <summary>A W3C credential secured as a compact JWS of type <c>vc+jwt</c> (VC-JOSE-COSE section 3.1.1).</summary>
    public const string VcJwt = "vc+jwt";

    /// <summary>A W3C credential as JSON with an embedded Data Integrity proof.</summary>
    public const string DataIntegrity = "data-integrity";

    /// <summary>An Open Badge as a JWT (Open Badges 3.0 section 8.2), reported once verified (it reads as a compact JWS).</summary>
    public const string Ob3Jwt = "ob3-jwt";

    /// <summary>An Open Badge baked into a PNG image (Open Badges 3.0 section 5.3).</summary>
    public const string BakedPng = "ob3-baked-png";

    /// <summary>An Open Badge baked into an SVG image (Open Badges 3.0 section 5.3).</summary>
    public const string BakedSvg = "ob3-baked-svg";

    /// <summary>An ISO/IEC 18013-5 mdoc DeviceResponse, CBOR in base64url (the OpenID4VP <c>mso_mdoc</c> format).</summary>
    public const string Mdoc = "mso_mdoc";

    /// <summary>The form of a file that is an image (a baked badge), or <see langword="null"/> for text.</summary>
    public static string? DetectImage(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return BakedPng;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        bytes = bytes.TrimStart(" \t\r\n"u8);
        return bytes.Length > 0 && bytes[0] == (byte)'<' ? BakedSvg : null;
    }

    /// <summary>
    /// The form of a credential file's text: JSON is Data Integrity; a compact JWS (three parts, no <c>~</c>) is a
    /// <c>vc+jwt</c>; anything else is read as an SD-JWT, whose reader reports what is wrong with it.
    /// </summary>
    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            return DataIntegrity;
        }

        // An SD-JWT always has a '~' after its issuer-signed JWT (RFC 9901 section 4), so a JWS without one is not.
        return !trimmed.Contains('~') && trimmed.Count('.') == 2 ? VcJwt : SdJwtVc;
    }

    /// <summary>
    /// Whether a credential's text names an Open Badge in its <c>type</c> (<c>OpenBadgeCredential</c> or
    /// <c>AchievementCredential</c>): JSON, or the payload of a compact JWS (the Open Badges JWT has the credential's
    /// members at the top level, a VC-JWT of VCDM 1.1 under <c>vc</c>). Only routes the verification: nothing is trusted.
    /// </summary>
    public static bool LooksLikeBadge(ReadOnlySpan<byte> document)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(document).Trim();
            JsonElement root;
            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                return HasBadgeType(json.RootElement);
            }

            var parts = text.Split('.');
            if (parts.Length != 3)
            {
                return false;
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            root = payload.RootElement;
            return HasBadgeType(root) || (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("vc", out var vc) && HasBadgeType(vc));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static bool HasBadgeType(JsonElement element)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type)
            && (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(IsBadgeType) : IsBadgeType(type));

    private static bool IsBadgeType(JsonElement type)
        => type.ValueKind == JsonValueKind.String && type.GetString() is "OpenBadgeCredential" or "AchievementCredential";
}
