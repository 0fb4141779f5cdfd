namespace Credentials.W3c.OpenBadges.Baking;

/// <summary>A credential found baked in an image: its text exactly as baked, and where it was found. Immutable.</summary>
public sealed class BakedCredential
{
    internal BakedCredential(string text, BadgeImageFormat imageFormat)
    {
        Text = text;
        ImageFormat = imageFormat;
    }

    /// <summary>
    /// The credential text: a compact JWS (the VC-JWT form) or the JSON of a credential with an embedded proof. Not yet
    /// verified.
    /// </summary>
    public string Text { get; }

    /// <summary>The image the credential was baked into.</summary>
    public BadgeImageFormat ImageFormat { get; }

    /// <summary><see langword="true"/> when <see cref="Text"/> has the shape of a compact JWS rather than JSON.</summary>
    public bool IsCompactJws => BakedText.IsCompactJws(Text);

    /// <inheritdoc />
    public override string ToString() => $"BakedCredential({ImageFormat}, {(IsCompactJws ? "compact JWS" : "JSON")}, {Text.Length} chars)";
}
