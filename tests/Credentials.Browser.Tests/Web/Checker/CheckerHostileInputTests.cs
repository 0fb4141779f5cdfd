using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Credentials.Browser.Tests.Hosting;
using Xunit;

namespace Credentials.Browser.Tests.Web.Checker;

/// <summary>
/// The checker and hostile credentials: a status list URL on another loopback port or a private address is refused
/// before any connection (the status check fails with an <c>http.*</c> code and nothing reaches the port); a
/// credential that fails shows the issuer it claims, marked as claimed and not verified, in both languages.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class CheckerHostileInputTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_status_list_on_another_loopback_port_or_a_private_address_is_refused_and_nothing_reaches_it()
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var page = await bed.NewPageAsync("en");
            foreach (var uri in new[] { $"http://127.0.0.1:{port}/status-lists/1", $"https://127.0.0.1:{port}/status-lists/1", "https://10.0.0.1/status-lists/1" })
            {
                await CheckerPage.PasteAsync(page, bed, await credentials.IpaExamWithStatusAsync(uri));

                Assert.Equal("passed", await CheckerPage.OutcomeAsync(page, "Signature"));
                Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "Status"));
                // Refused by the checker's handler before any connection: a fetch error of the guarded HTTP layer.
                Assert.StartsWith("http.", await CheckerPage.CodeAsync(page, "Status"), StringComparison.Ordinal);
            }

            // Nothing connected to the other local port.
            Assert.False(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_request_above_twice_the_credential_limit_is_refused_before_it_is_read()
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        var origin = new Uri(bed.Origin);

        // Only the request's head, declaring a 5 MiB body that is never sent: the answer can come only from the declared
        // length (a server that read the body would wait for it), and no body is left unread when the server closes the
        // connection, so the response cannot be lost to a reset (no race between the answer and the upload).
        using var client = new TcpClient();
        await client.ConnectAsync(origin.Host, origin.Port);
        var stream = client.GetStream();
        var head = $"POST /checker HTTP/1.1\r\nHost: {origin.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {5 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        using var reader = new System.IO.StreamReader(stream, System.Text.Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.StartsWith("HTTP/1.1 413 ", status, StringComparison.Ordinal);
        var headers = new System.Collections.Generic.List<string>();
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            headers.Add(line.ToLowerInvariant());
        }

        // Refused from the declared length by the app, not after the anti-forgery check read the form (a 400).
        Assert.Contains("connection: close", headers);
    }

    [Theory]
    [InlineData("ja", "発行者（自称・未確認）")]
    [InlineData("en", "Issuer (claimed, not verified)")]
    public async Task A_failed_credential_shows_the_issuer_it_claims_as_not_verified(string language, string label)
    {
        var bed = await WebAppBed.StartAsync(browser);
        await using var _ = bed;
        using var credentials = new CheckerCredentials(bed.Clock);
        credentials.WriteTrustList(bed.DataDirectory);
        var page = await bed.NewPageAsync(language);

        // Untrusted issuer (a correct signature).
        await CheckerPage.PasteAsync(page, bed, await credentials.IpaExamAsync(trusted: false));
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "IssuerTrust"));
        Assert.Equal(CheckerCredentials.UntrustedSdJwtIssuer, (await page.InnerTextAsync("#claimed-issuer code")).Trim());
        Assert.Equal(label, (await page.InnerTextAsync("dt:has(+ #claimed-issuer)")).Trim());
        Assert.Equal(0, await page.Locator("#issuer-id").CountAsync());

        // A trusted issuer's name on a credential with a broken signature: still only claimed.
        var issued = await credentials.IpaExamAsync();
        var parts = issued.Split('~')[0].Split('.');
        var tampered = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..] + issued[issued.IndexOf('~', StringComparison.Ordinal)..];
        await CheckerPage.PasteAsync(page, bed, tampered);
        Assert.Equal("failed", await CheckerPage.OutcomeAsync(page, "Signature"));
        Assert.Equal(CheckerCredentials.TrustedSdJwtIssuer, (await page.InnerTextAsync("#claimed-issuer code")).Trim());
        Assert.Equal(0, await page.Locator("#issuer-id").CountAsync());
        await WebAppBed.ScreenshotAsync(page, "web-checker-claimed-issuer-" + language);
        Assert.True(bed.Errors.Count == 0, string.Join("\n", bed.Errors));
    }
}
