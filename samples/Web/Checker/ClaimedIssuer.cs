using System;
using System.Buffers.Text;
using System.Text.Json;
using Credentials.W3c.OpenBadges.Baking;

namespace Credentials.Samples.Web.Checker;

/// <summary>
/// Who a credential that failed verification claims to be from: read without any verification, only to be shown as
/// "claimed, not verified" (never as the issuer). An SD-JWT VC's <c>iss</c>; a W3C credential's or Open Badge's
/// <c>issuer</c> (its <c>id</c> and <c>name</c>, or the URI) from the JSON, the JWT payload (or its <c>vc</c>, else
/// <c>iss</c>) or the credential baked into a PNG or SVG image. Each text is cut to <see cref="MaxLength"/>.
/// </summary>
/// <param name="Id">The issuer's identifier, if the credential names one.</param>
/// <param name="NameJapanese">The issuer's name for the Japanese page (a <c>ja</c> language value, else the name).</param>
/// <param name="NameEnglish">The issuer's name for the English page (an <c>en</c> language value, else the name).</param>
internal sealed record ClaimedIssuer(string? Id, string? NameJapanese, string? NameEnglish)
{
    /// <summary>The longest issuer id or name shown, in characters; longer ones are cut and end in "…".</summary>
    public const int MaxLength = 256;

    /// <summary>The <c>iss</c> of an SD-JWT's issuer-signed JWT.</summary>
    public static ClaimedIssuer? FromJwt(string jwt)
    {
        using var payload = Payload(jwt);
        return payload is not null && payload.RootElement.ValueKind == JsonValueKind.Object && TextOf(payload.RootElement, "iss") is { } iss
            ? new ClaimedIssuer(iss, null, null)
            : null;
    }

    /// <summary>The <c>issuer</c> of a W3C credential or Open Badge: JSON, a compact JWS, or an image with one baked in.</summary>
    /// <param name="document">The bytes as given.</param>
    /// <param name="text">The bytes as text, or <see langword="null"/> for an image.</param>
    public static ClaimedIssuer? FromW3c(ReadOnlyMemory<byte> document, string? text)
    {
        if (text is null)
        {
            var baked = new BakedBadgeReader().Read(document.Span);
            if (!baked.IsValid)
            {
                return null;
            }

            text = baked.Value.Text.Trim();
        }

        try
        {
            using var json = text.StartsWith('{') ? JsonDocument.Parse(text) : Payload(text);
            if (json is null || json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = json.RootElement;
            var issuer = root.TryGetProperty("issuer", out var top) ? top
                : root.TryGetProperty("vc", out var vc) && vc.ValueKind == JsonValueKind.Object && vc.TryGetProperty("issuer", out var inner) ? inner
                : default;
            return issuer.ValueKind switch
            {
                JsonValueKind.String => new ClaimedIssuer(Cut(issuer.GetString()), null, null),
                JsonValueKind.Object => Profile(issuer),
                _ => TextOf(root, "iss") is { } iss ? new ClaimedIssuer(iss, null, null) : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ClaimedIssuer? Profile(JsonElement profile)
    {
        var id = TextOf(profile, "id");
        string? japanese = null, english = null;
        if (profile.TryGetProperty("name", out var name))
        {
            japanese = NameIn(name, "ja");
            english = NameIn(name, "en");
        }

        return id is null && japanese is null && english is null ? null : new ClaimedIssuer(id, japanese, english);
    }

    // A name is a string, a language value ({"@value", "@language"}) or an array of them (VCDM 2.0 section 11.1).
    private static string? NameIn(JsonElement name, string language)
    {
        switch (name.ValueKind)
        {
            case JsonValueKind.String:
                return Cut(name.GetString());
            case JsonValueKind.Object:
                return name.TryGetProperty("@value", out var value) && value.ValueKind == JsonValueKind.String ? Cut(value.GetString()) : null;
            case JsonValueKind.Array:
                string? first = null;
                foreach (var item in name.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("@value", out var v) || v.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    first ??= Cut(v.GetString());
                    if (item.TryGetProperty("@language", out var tag) && tag.ValueKind == JsonValueKind.String
                        && tag.GetString() is { } t && (t.Equals(language, StringComparison.OrdinalIgnoreCase) || t.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase)))
                    {
                        return Cut(v.GetString());
                    }
                }

                return first;
            default:
                return null;
        }
    }

    private static JsonDocument? Payload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string? TextOf(JsonElement element, string member)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? Cut(value.GetString()) : null;

    private static string? Cut(string? text)
        => string.IsNullOrWhiteSpace(text) ? null : text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
