using System.IO;
using System.Text;
using System.Text.Json;
using Credentials.Internal;
using Credentials.SdJwtVc.TypeMetadata.Resolution;

namespace Credentials.SdJwtVc.TypeMetadata;

public sealed partial record TypeMetadataDocument
{
    /// <summary>
    /// Writes the document as UTF-8 JSON, with <c>locale</c> (never <c>lang</c>) and non-ASCII text unescaped.
    /// </summary>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The bytes. Publish exactly these bytes and compute <c>vct#integrity</c> over them with <see cref="SubresourceIntegrity.Compute(System.ReadOnlySpan{byte}, IntegrityAlgorithm)"/>.</returns>
    public byte[] ToUtf8Json(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, SafeJson.WriterOptions with { Indented = indented }))
        {
            WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Writes the document as JSON text (see <see cref="ToUtf8Json"/>).</summary>
    /// <param name="indented">Whether to indent the output.</param>
    public string ToJson(bool indented = false) => Encoding.UTF8.GetString(ToUtf8Json(indented));

    private void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("vct", Vct);
        WriteOptional(w, "name", Name);
        WriteOptional(w, "description", Description);
        WriteOptional(w, "extends", Extends);
        WriteOptional(w, "extends#integrity", ExtendsIntegrity);
        if (HasDisplay)
        {
            w.WriteStartArray("display");
            foreach (var d in Display)
            {
                w.WriteStartObject();
                w.WriteString("locale", d.Locale);
                w.WriteString("name", d.Name);
                WriteOptional(w, "description", d.Description);
                if (d.Rendering is { } r)
                {
                    WriteRendering(w, r);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (!Claims.IsEmpty)
        {
            w.WriteStartArray("claims");
            foreach (var c in Claims)
            {
                WriteClaim(w, c);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteRendering(Utf8JsonWriter w, TypeRendering r)
    {
        w.WriteStartObject("rendering");
        if (r.Simple is { } s)
        {
            w.WriteStartObject("simple");
            if (s.Logo is { } logo)
            {
                WriteImage(w, "logo", logo);
            }

            if (s.BackgroundImage is { } bg)
            {
                WriteImage(w, "background_image", bg);
            }

            WriteOptional(w, "background_color", s.BackgroundColor);
            WriteOptional(w, "text_color", s.TextColor);
            w.WriteEndObject();
        }

        if (!r.SvgTemplates.IsDefaultOrEmpty)
        {
            w.WriteStartArray("svg_templates");
            foreach (var t in r.SvgTemplates)
            {
                w.WriteStartObject();
                w.WriteString("uri", t.Uri);
                WriteOptional(w, "uri#integrity", t.UriIntegrity);
                if (t.Properties is { } p)
                {
                    w.WriteStartObject("properties");
                    WriteOptional(w, "orientation", p.Orientation);
                    WriteOptional(w, "color_scheme", p.ColorScheme);
                    WriteOptional(w, "contrast", p.Contrast);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter w, string name, RenderingImage image)
    {
        w.WriteStartObject(name);
        w.WriteString("uri", image.Uri);
        WriteOptional(w, "uri#integrity", image.UriIntegrity);
        WriteOptional(w, "alt_text", image.AltText);
        w.WriteEndObject();
    }

    private static void WriteClaim(Utf8JsonWriter w, ClaimMetadata c)
    {
        w.WriteStartObject();
        w.WriteStartArray("path");
        foreach (var component in c.Path.Components)
        {
            if (component.Name is { } name)
            {
                w.WriteStringValue(name);
            }
            else if (component.IsAllElements)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteNumberValue(component.ArrayIndex);
            }
        }

        w.WriteEndArray();
        if (c.HasDisplay)
        {
            w.WriteStartArray("display");
            foreach (var d in c.Display)
            {
                w.WriteStartObject();
                w.WriteString("locale", d.Locale);
                w.WriteString("label", d.Label);
                WriteOptional(w, "description", d.Description);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (c.HasMandatory)
        {
            w.WriteBoolean("mandatory", c.Mandatory);
        }

        if (c.HasSd)
        {
            w.WriteString("sd", c.Sd switch
            {
                ClaimSelectiveDisclosure.Always => "always",
                ClaimSelectiveDisclosure.Never => "never",
                _ => "allowed",
            });
        }

        WriteOptional(w, "svg_id", c.SvgId);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
