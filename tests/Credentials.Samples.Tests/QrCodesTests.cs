using System;
using System.IO;
using Credentials.Samples;
using Xunit;

namespace Credentials.Samples.Tests;

public sealed class QrCodesTests
{
    private const string Link = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example.jp%2Foffer%2F1";

    [Fact]
    public void ToText_Link_RendersSquareBlockGraphic()
    {
        var text = QrCodes.ToText(Link);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(lines.Length > 10);
        Assert.Contains('█', text);
    }

    [Fact]
    public void SavePng_Link_WritesPngFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "qr-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            QrCodes.SavePng(Link, path);
            var bytes = File.ReadAllBytes(path);

            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
