using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;
using Credentials.Internal;
using Credentials.SdJwt;

namespace Credentials.SdJwtVc.TypeMetadata;

public sealed partial record TypeMetadataDocument
{
    /// <summary>
    /// Reads a Type Metadata document from its UTF-8 JSON bytes. Never throws for bad input.
    /// </summary>
    /// <param name="utf8">The document as received.</param>
    /// <param name="options">Limits; <see cref="TypeMetadataReaderOptions.Default"/> when omitted.</param>
    /// <returns>
    /// The document, or <see cref="TypeMetadataErrors.TooLarge"/> or <see cref="TypeMetadataErrors.Invalid"/> (invalid JSON,
    /// duplicate members, missing <c>vct</c>, a REQUIRED member missing or of the wrong type anywhere in
    /// <c>display</c> or <c>claims</c>, an <c>sd</c> value other than <c>always</c>/<c>allowed</c>/<c>never</c>, an invalid
    /// or repeated <c>svg_id</c>, a rendering <c>uri</c> that is neither HTTPS nor <c>data:</c>).
    /// </returns>
    /// <remarks>Section 5.2 (format), 5.5 (display), 5.6 (claims): the structure MUST conform, otherwise processing fails.</remarks>
    public static VerificationResult<TypeMetadataDocument> Read(ReadOnlyMemory<byte> utf8, TypeMetadataReaderOptions? options = null)
    {
        options ??= TypeMetadataReaderOptions.Default;
        if (utf8.Length > options.MaxDocumentBytes)
        {
            return new VerificationError(TypeMetadataErrors.TooLarge, "The Type Metadata document exceeds the size limit.");
        }

        using var doc = SafeJson.TryParse(utf8, options.MaxDepth);
        if (doc is null)
        {
            return new VerificationError(TypeMetadataErrors.Invalid, "The Type Metadata document is not valid JSON (or repeats a member, or nests too deeply).");
        }

        var reader = new Reader(options);
        var result = reader.ReadRoot(doc.RootElement);
        return result is null ? new VerificationError(TypeMetadataErrors.Invalid, reader.Problem ?? "The Type Metadata document is invalid.") : result;
    }

    private sealed class Reader(TypeMetadataReaderOptions options)
    {
        public string? Problem { get; private set; }

        private bool Fail(string problem)
        {
            Problem ??= problem;
            return false;
        }

        public TypeMetadataDocument? ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Fail("The Type Metadata document must be a JSON object.");
                return null;
            }

            if (!RequiredString(root, "vct", "vct", out var vct) || vct.Length == 0
                || !OptionalString(root, "name", "name", out var name)
                || !OptionalString(root, "description", "description", out var description)
                || !OptionalString(root, "extends", "extends", out var extends)
                || !OptionalString(root, "extends#integrity", "extends#integrity", out var extendsIntegrity))
            {
                Fail("The Type Metadata document needs a non-empty string vct.");
                return null;
            }

            if (extends is not null && extends.Length == 0)
            {
                Fail("extends must not be empty.");
                return null;
            }

            ImmutableArray<TypeDisplay> display = default;
            if (root.TryGetProperty("display", out var displayElement) && !ReadTypeDisplays(displayElement, out display))
            {
                return null;
            }

            ImmutableArray<ClaimMetadata> claims = default;
            if (root.TryGetProperty("claims", out var claimsElement) && !ReadClaims(claimsElement, out claims))
            {
                return null;
            }

            return new TypeMetadataDocument
            {
                Vct = vct,
                Name = name,
                Description = description,
                Extends = extends,
                ExtendsIntegrity = extendsIntegrity,
                Display = display,
                Claims = claims,
            };
        }

        private bool ReadTypeDisplays(JsonElement element, out ImmutableArray<TypeDisplay> displays)
        {
            displays = default;
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return Fail("display must be an array (within the entry limit).");
            }

            var builder = ImmutableArray.CreateBuilder<TypeDisplay>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !ReadLocale(item, "display", out var locale)
                    || !RequiredString(item, "name", "display[].name", out var name)
                    || !OptionalString(item, "description", "display[].description", out var description))
                {
                    return Fail("Each display entry needs a string locale and name.");
                }

                TypeRendering? rendering = null;
                if (item.TryGetProperty("rendering", out var renderingElement) && !ReadRendering(renderingElement, out rendering))
                {
                    return false;
                }

                builder.Add(new TypeDisplay { Locale = locale, Name = name, Description = description, Rendering = rendering });
            }

            displays = builder.MoveToImmutable();
            return true;
        }

        private bool ReadRendering(JsonElement element, out TypeRendering? rendering)
        {
            rendering = null;
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Fail("rendering must be an object.");
            }

            SimpleRendering? simple = null;
            if (element.TryGetProperty("simple", out var simpleElement))
            {
                if (simpleElement.ValueKind != JsonValueKind.Object
                    || !OptionalString(simpleElement, "background_color", "background_color", out var background)
                    || !OptionalString(simpleElement, "text_color", "text_color", out var text))
                {
                    return Fail("rendering.simple must be an object with string colours.");
                }

                RenderingImage? logo = null, backgroundImage = null;
                if ((simpleElement.TryGetProperty("logo", out var logoElement) && !ReadImage(logoElement, allowAltText: true, out logo))
                    || (simpleElement.TryGetProperty("background_image", out var bgElement) && !ReadImage(bgElement, allowAltText: false, out backgroundImage)))
                {
                    return false;
                }

                simple = new SimpleRendering { Logo = logo, BackgroundImage = backgroundImage, BackgroundColor = background, TextColor = text };
            }

            var templates = ImmutableArray<SvgTemplate>.Empty;
            if (element.TryGetProperty("svg_templates", out var svgElement))
            {
                if (svgElement.ValueKind != JsonValueKind.Array || svgElement.GetArrayLength() > options.MaxEntries)
                {
                    return Fail("rendering.svg_templates must be an array.");
                }

                var multiple = svgElement.GetArrayLength() > 1;
                var builder = ImmutableArray.CreateBuilder<SvgTemplate>(svgElement.GetArrayLength());
                foreach (var item in svgElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object
                        || !RequiredString(item, "uri", "svg_templates[].uri", out var uri) || !IsRenderingUri(uri)
                        || !OptionalString(item, "uri#integrity", "svg_templates[].uri#integrity", out var integrity))
                    {
                        return Fail("Each SVG template needs an HTTPS or data: uri.");
                    }

                    SvgTemplateProperties? properties = null;
                    if (item.TryGetProperty("properties", out var propertiesElement))
                    {
                        if (!ReadSvgProperties(propertiesElement, out properties))
                        {
                            return false;
                        }
                    }
                    else if (multiple)
                    {
                        return Fail("properties is required when there is more than one SVG template.");
                    }

                    builder.Add(new SvgTemplate { Uri = uri, UriIntegrity = integrity, Properties = properties });
                }

                templates = builder.MoveToImmutable();
            }

            rendering = new TypeRendering { Simple = simple, SvgTemplates = templates };
            return true;
        }

        private bool ReadSvgProperties(JsonElement element, out SvgTemplateProperties? properties)
        {
            properties = null;
            if (element.ValueKind != JsonValueKind.Object
                || !OptionalString(element, "orientation", "orientation", out var orientation)
                || !OptionalString(element, "color_scheme", "color_scheme", out var colorScheme)
                || !OptionalString(element, "contrast", "contrast", out var contrast)
                || (orientation is null && colorScheme is null && contrast is null)
                || orientation is not (null or "portrait" or "landscape")
                || colorScheme is not (null or "light" or "dark")
                || contrast is not (null or "normal" or "high"))
            {
                return Fail("SVG template properties need at least one of orientation (portrait|landscape), color_scheme (light|dark), contrast (normal|high).");
            }

            properties = new SvgTemplateProperties { Orientation = orientation, ColorScheme = colorScheme, Contrast = contrast };
            return true;
        }

        private bool ReadImage(JsonElement element, bool allowAltText, out RenderingImage? image)
        {
            image = null;
            string? altText = null;
            if (element.ValueKind != JsonValueKind.Object
                || !RequiredString(element, "uri", "uri", out var uri) || !IsRenderingUri(uri)
                || !OptionalString(element, "uri#integrity", "uri#integrity", out var integrity)
                || (allowAltText && !OptionalString(element, "alt_text", "alt_text", out altText)))
            {
                return Fail("A logo or background image needs an HTTPS or data: uri.");
            }

            image = new RenderingImage { Uri = uri, UriIntegrity = integrity, AltText = altText };
            return true;
        }

        // Section 5.5.1: rendering uris MUST be HTTPS URLs or data: URIs.
        private static bool IsRenderingUri(string value)
            => value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

        private bool ReadClaims(JsonElement element, out ImmutableArray<ClaimMetadata> claims)
        {
            claims = default;
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return Fail("claims must be an array (within the entry limit).");
            }

            var svgIds = new HashSet<string>(StringComparer.Ordinal);
            var builder = ImmutableArray.CreateBuilder<ClaimMetadata>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return Fail("Each claims entry must be an object.");
                }

                if (!item.TryGetProperty("path", out var pathElement) || !ClaimPath.TryRead(pathElement, out var path))
                {
                    return Fail("Each claims entry needs a path: a non-empty array of strings, non-negative integers and nulls.");
                }

                var claim = new ClaimMetadata { Path = path };
                if (item.TryGetProperty("display", out var displayElement))
                {
                    if (!ReadClaimDisplays(displayElement, out var display))
                    {
                        return false;
                    }

                    claim = claim with { Display = display };
                }

                if (item.TryGetProperty("mandatory", out var mandatory))
                {
                    if (mandatory.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return Fail("mandatory must be a boolean.");
                    }

                    claim = claim with { Mandatory = mandatory.GetBoolean() };
                }

                if (item.TryGetProperty("sd", out var sd))
                {
                    ClaimSelectiveDisclosure value;
                    switch (sd.ValueKind == JsonValueKind.String ? sd.GetString() : null)
                    {
                        case "always":
                            value = ClaimSelectiveDisclosure.Always;
                            break;
                        case "allowed":
                            value = ClaimSelectiveDisclosure.Allowed;
                            break;
                        case "never":
                            value = ClaimSelectiveDisclosure.Never;
                            break;
                        default:
                            return Fail("sd must be always, allowed or never.");
                    }

                    claim = claim with { Sd = value };
                }

                if (!OptionalString(item, "svg_id", "svg_id", out var svgId))
                {
                    return false;
                }

                if (svgId is not null)
                {
                    // Section 5.6: alphanumeric characters and underscores, not starting with a digit, unique in the document.
                    if (!IsSvgId(svgId) || !svgIds.Add(svgId))
                    {
                        return Fail("svg_id must be letters, digits and underscores, not start with a digit, and be unique.");
                    }

                    claim = claim with { SvgId = svgId };
                }

                builder.Add(claim);
            }

            claims = builder.MoveToImmutable();
            return true;
        }

        internal static bool IsSvgId(string value)
        {
            if (value.Length == 0 || char.IsAsciiDigit(value[0]))
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return true;
        }

        private bool ReadClaimDisplays(JsonElement element, out ImmutableArray<ClaimDisplay> displays)
        {
            displays = default;
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > options.MaxEntries)
            {
                return Fail("A claim's display must be an array.");
            }

            var builder = ImmutableArray.CreateBuilder<ClaimDisplay>(element.GetArrayLength());
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !ReadLocale(item, "claims[].display", out var locale)
                    || !RequiredString(item, "label", "claims[].display[].label", out var label)
                    || !OptionalString(item, "description", "claims[].display[].description", out var description))
                {
                    return Fail("Each claim display entry needs a string locale and label.");
                }

                builder.Add(new ClaimDisplay { Locale = locale, Label = label, Description = description });
            }

            displays = builder.MoveToImmutable();
            return true;
        }

        // locale (draft 12 and later); lang before. When both are present, locale wins.
        private bool ReadLocale(JsonElement item, string where, out string locale)
        {
            if (item.TryGetProperty("locale", out _))
            {
                return RequiredString(item, "locale", where + ".locale", out locale) && locale.Length > 0;
            }

            if (options.AcceptLang && item.TryGetProperty("lang", out _))
            {
                return RequiredString(item, "lang", where + ".lang", out locale) && locale.Length > 0;
            }

            locale = string.Empty;
            return Fail(where + " entries need a locale.");
        }

        private bool RequiredString(JsonElement obj, string name, string where, out string value)
        {
            if (obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String)
            {
                value = p.GetString()!;
                return true;
            }

            value = string.Empty;
            return Fail(where + " is required and must be a string.");
        }

        private bool OptionalString(JsonElement obj, string name, string where, out string? value)
        {
            value = null;
            if (!obj.TryGetProperty(name, out var p))
            {
                return true;
            }

            if (p.ValueKind != JsonValueKind.String)
            {
                return Fail(where + " must be a string.");
            }

            value = p.GetString();
            return true;
        }
    }
}
