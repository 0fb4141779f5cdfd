using System.Text.Json;

namespace Credentials.W3c.OpenBadges;

/// <summary>An <c>Image</c>: the URL or data URL of an image of a credential, achievement or profile, with an optional caption (Open Badges 3.0 appendix B.1, Image).</summary>
public sealed class OpenBadgeImage
{
    internal OpenBadgeImage(string id, string? caption, JsonElement json)
    {
        Id = id;
        Caption = caption;
        Json = json;
    }

    /// <summary>The image's URL or <c>data:</c> URL (<c>id</c>).</summary>
    public string Id { get; }

    /// <summary>The caption, if any.</summary>
    public string? Caption { get; }

    /// <summary>The value as it appears in the document (a string or an object).</summary>
    public JsonElement Json { get; }

    /// <summary>Creates an image object (<c>{"id", "type": "Image", "caption"}</c>).</summary>
    /// <param name="id">The image's URL or <c>data:</c> URL.</param>
    /// <param name="caption">The caption, if any.</param>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is null or empty.</exception>
    public static OpenBadgeImage Create(string id, string? caption = null)
    {
        System.ArgumentException.ThrowIfNullOrEmpty(id);
        return new OpenBadgeImage(id, caption, OpenBadgeWriter.Element(w =>
        {
            w.WriteString("id", id);
            w.WriteString("type", "Image");
            OpenBadgeWriter.Optional(w, "caption", caption);
        }));
    }
}
