using System;
using System.IO;
using QRCoder;

namespace Credentials.Samples;

/// <summary>
/// Shows offer and request links as QR codes, so a phone wallet could scan them: as text for the terminal and as PNG
/// files. The link itself is always printed too.
/// </summary>
public static class QrCodes
{
    /// <summary>The QR code as block characters (two modules per character row) for a terminal.</summary>
    /// <param name="link">The link (for example <c>openid-credential-offer://…</c> or <c>openid4vp://…</c>).</param>
    public static string ToText(string link)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
        return new AsciiQRCode(data).GetGraphicSmall();
    }

    /// <summary>Writes the QR code as a PNG file.</summary>
    /// <param name="link">The link.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="pixelsPerModule">The size of one module in pixels.</param>
    public static void SavePng(string link, string path, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.L);
        File.WriteAllBytes(path, new PngByteQRCode(data).GetGraphic(pixelsPerModule));
    }
}
